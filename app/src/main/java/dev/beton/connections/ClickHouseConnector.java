package dev.beton.connections;

import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.countIf;
import static dev.beton.query.Expressions.groupKey;
import static dev.beton.query.Expressions.notBlank;

import dev.beton.clickhouse.ClickHouseFailure;
import dev.beton.clickhouse.ClickHouseQueryRunner;
import dev.beton.clickhouse.ClickHouseServer;
import dev.beton.clickhouse.ClickHouseSettings;
import dev.beton.query.ClickHouseDialect;
import dev.beton.query.ClickHouseSchema;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.ResultRows;
import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretVault;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Saves and tests a workspace's ClickHouse connection. "Save & test": the settings and the sealed
 * password are kept even when the test fails, so that a typo can be fixed without typing the
 * password again; the test reads the server's version and counts events through the schema
 * mapping, which checks the mapped tables, columns and account link in one query.
 */
@Service
class ClickHouseConnector {

    private final ConnectionStore store;
    private final SecretVault vault;
    private final ClickHouseLinks links;
    private final Clock clock;

    ClickHouseConnector(ConnectionStore store, SecretVault vault, ClickHouseLinks links, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.links = links;
        this.clock = clock;
    }

    /** What a test found: the server's version and its events, or why it failed. */
    record Tested(String version, long events, long linkedEvents) {
        String sentence() {
            return "ClickHouse " + version + " answered: " + events + " events, " + linkedEvents
                    + " of them linked to an account.";
        }
    }

    /**
     * @throws ConnectionFailure {@code invalid_format} for settings that cannot be saved; {@code
     *     connection_error} when the saved settings do not pass the test
     */
    Tested saveAndTest(long workspaceId, ClickHouseConnectRequest request) {
        String host = Optional.ofNullable(request.host()).map(String::strip).orElse("");
        boolean tls = Boolean.TRUE.equals(request.tls());
        int port = Optional.ofNullable(request.port())
                .orElse(tls ? ClickHouseLinks.DEFAULT_TLS_PORT : ClickHouseLinks.DEFAULT_PORT);
        String user = blankToDefault(request.user(), "default");
        String database = blankToDefault(request.database(), "default");
        Optional<Secret> newPassword = Optional.ofNullable(request.password())
                .filter(p -> !p.isEmpty())
                .map(Secret::of);
        ClickHouseSchema schema;
        ClickHouseSettings settings;
        try {
            schema = ClickHouseSchema.fromSettings(request.schema() == null ? Map.of() : request.schema());
            settings = new ClickHouseSettings(host, port, user, "", database, tls);
        } catch (IllegalArgumentException e) {
            throw new ConnectionFailure(ErrorType.INVALID_FORMAT, e.getMessage() + ".");
        }
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("host", settings.host());
        stored.put("port", Integer.toString(settings.port()));
        stored.put("user", settings.user());
        stored.put("database", settings.database());
        stored.put("tls", Boolean.toString(settings.tls()));
        stored.putAll(schema.toSettings());
        store.saveSettings(workspaceId, Integration.CLICKHOUSE, Optional.empty(), stored);
        newPassword.ifPresent(
                p -> vault.seal(workspaceId, Integration.CLICKHOUSE.id(), Integration.CLICKHOUSE.secretName(), p));
        return test(workspaceId);
    }

    /** @throws ConnectionFailure when nothing is saved, or the server fails the test (recorded) */
    Tested test(long workspaceId) {
        ClickHouseLink link = links.stored(workspaceId)
                .orElseThrow(() -> new ConnectionFailure(
                        ErrorType.NOT_FOUND, "No ClickHouse server is connected in this workspace."));
        try {
            Tested tested = probe(link);
            store.saveSettings(
                    workspaceId,
                    Integration.CLICKHOUSE,
                    Optional.of(tested.version()),
                    store.find(workspaceId, Integration.CLICKHOUSE)
                            .orElseThrow()
                            .settings());
            store.saveChecked(workspaceId, Integration.CLICKHOUSE, ValidationState.OK, Optional.empty());
            return tested;
        } catch (ClickHouseFailure | UnsupportedOperationException e) {
            store.saveChecked(workspaceId, Integration.CLICKHOUSE, ValidationState.FAILED, Optional.of(e.getMessage()));
            throw new ConnectionFailure(
                    ErrorType.CONNECTION_ERROR, "The settings are saved, but the test failed: " + e.getMessage());
        }
    }

    private static Tested probe(ClickHouseLink link) {
        try (ClickHouseServer server = ClickHouseServer.open(link.settings())) {
            String version = server.version();
            ClickHouseDialect dialect = ClickHouseDialect.forServer(link.schema(), version);
            int account = link.schema().accountGroupIndex();
            Query events = Query.select(
                            SelectItem.of(count(), "events"),
                            SelectItem.of(countIf(notBlank(groupKey(account))), "linked"))
                    .build();
            ResultRows.Row row = new ClickHouseQueryRunner(server)
                    .run(dialect.render(events, java.time.Instant.EPOCH))
                    .list()
                    .getFirst();
            return new Tested(version, row.count("events"), row.count("linked"));
        }
    }

    boolean remove(long workspaceId) {
        vault.remove(workspaceId, Integration.CLICKHOUSE.id(), Integration.CLICKHOUSE.secretName());
        return store.delete(workspaceId, Integration.CLICKHOUSE);
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
