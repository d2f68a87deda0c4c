package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.clickhouse.ClickHouseServer;
import dev.beton.clickhouse.ClickHouseSettings;
import dev.beton.clickhouse.ClickHouseTestServer;
import dev.beton.clickhouse.PostHogStyleTables;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A workspace whose event source is a ClickHouse server (seed 003's PostHog-style tables, the
 * account linked by an event property) sees the same native dashboard numbers as one on the
 * embedded store holding the same events.
 */
@OnEmbeddedStore
@ExtendWith(ClickHouseTestServer.class)
class DashboardsOnClickHouseSourceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Clock clock;

    @Test
    void theQueryTilesShowTheSameNumbersFromClickHouseAsFromTheEmbeddedStore() {
        Http http = new Http(port);
        Workspace embedded = DashboardWorld.newWorkspace(users, workspaces);
        DashboardWorld.build(warehouse, embedded.id(), clock.instant());
        ClickHouseSettings database = ClickHouseTestServer.freshDatabase();
        try (ClickHouseServer server = ClickHouseServer.open(database)) {
            PostHogStyleTables tables = PostHogStyleTables.create(server);
            for (DashboardWorld.Event e : DashboardWorld.events(warehouse, embedded.id())) {
                Map<String, Object> properties = new LinkedHashMap<>(e.properties());
                properties.put("company_domain", e.account());
                tables.event(e.event(), e.distinctId(), e.at(), JSON.writeValueAsString(properties), null);
            }
            tables.flush();
        }
        Workspace onClickHouse = DashboardWorld.newWorkspace(users, workspaces);
        Http.Response saved = http.putJson(
                "/api/v1/settings/clickhouse?workspace=" + onClickHouse.slug(), Http.adminBasic(), """
                {"host": "127.0.0.1", "port": %d, "user": "beton", "password": "%s", "database": "%s", "tls": false,
                 "schema": {"account_link_property": "company_domain"}}""".formatted(
                        ClickHouseTestServer.port(), ClickHouseTestServer.PASSWORD_USER_PASSWORD, database.database()));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        Http.Response chosen = http.eventSource(onClickHouse.slug(), "clickhouse");
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);

        for (String dashboard : List.of("signal-overview", "account-health")) {
            Map<String, JsonNode> expected = DashboardWorld.tiles(http, embedded, dashboard, "refresh=true");
            Map<String, JsonNode> actual = DashboardWorld.tiles(http, onClickHouse, dashboard, "refresh=true");
            for (String tile : expected.keySet()) {
                assertThat(actual.get(tile).path("status").asString())
                        .as(tile + ": " + actual.get(tile))
                        .isEqualTo("ok");
                assertThat(DashboardWorld.numbers(actual.get(tile)))
                        .as(dashboard + " / " + tile)
                        .isEqualTo(DashboardWorld.numbers(expected.get(tile)));
            }
        }
    }
}
