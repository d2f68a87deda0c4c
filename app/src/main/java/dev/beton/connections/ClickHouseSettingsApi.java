package dev.beton.connections;

import dev.beton.workspace.CurrentWorkspace;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workspace's ClickHouse connection: {@code GET} (password masked), {@code PUT} saves and
 * tests ("Save & test": a failed test answers a 502 problem, the settings stay saved), {@code POST
 * /test} tests again. Removing it is {@code DELETE /api/v1/settings/integrations/clickhouse}.
 */
@RestController
@RequestMapping("/api/v1/settings/clickhouse")
class ClickHouseSettingsApi extends ConnectionProblems {

    private final ClickHouseConnector connector;
    private final ConnectionViews views;

    ClickHouseSettingsApi(ClickHouseConnector connector, ConnectionViews views) {
        this.connector = connector;
        this.views = views;
    }

    record Saved(String message, ConnectionView connection) {}

    @GetMapping
    ConnectionView get(CurrentWorkspace current) {
        return views.of(current.id(), Integration.CLICKHOUSE);
    }

    @PutMapping
    Saved save(CurrentWorkspace current, @RequestBody ClickHouseConnectRequest request) {
        Admins.require(current);
        String message = connector.saveAndTest(current.id(), request).sentence();
        return new Saved(message, views.of(current.id(), Integration.CLICKHOUSE));
    }

    @PostMapping("/test")
    Saved test(CurrentWorkspace current) {
        Admins.require(current);
        String message = connector.test(current.id()).sentence();
        return new Saved(message, views.of(current.id(), Integration.CLICKHOUSE));
    }
}
