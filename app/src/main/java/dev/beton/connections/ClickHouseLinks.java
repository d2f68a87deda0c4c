package dev.beton.connections;

import dev.beton.clickhouse.ClickHouseSettings;
import dev.beton.query.ClickHouseSchema;
import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretVault;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A workspace's stored ClickHouse connection, read back from its settings and sealed password. */
@Component
public class ClickHouseLinks {

    static final int DEFAULT_PORT = 8123;
    static final int DEFAULT_TLS_PORT = 8443;

    private final ConnectionStore store;
    private final SecretVault vault;

    ClickHouseLinks(ConnectionStore store, SecretVault vault) {
        this.store = store;
        this.vault = vault;
    }

    /** The stored connection, tested or not; empty when none is saved. */
    Optional<ClickHouseLink> stored(long workspaceId) {
        return store.find(workspaceId, Integration.CLICKHOUSE)
                .filter(StoredConnection::active)
                .map(c -> link(workspaceId, c.settings()));
    }

    /** Why ClickHouse cannot be used right now, or empty when it can. */
    public Optional<String> problem(long workspaceId) {
        Optional<StoredConnection> stored =
                store.find(workspaceId, Integration.CLICKHOUSE).filter(StoredConnection::active);
        if (stored.isEmpty()) {
            return Optional.of("no ClickHouse server is connected; save its settings on the Connections page first.");
        }
        if (stored.get().state() != ValidationState.OK) {
            return Optional.of("the ClickHouse connection has not passed its test"
                    + stored.get().validationError().map(e -> " (" + e + ")").orElse("")
                    + "; test it on the Connections page.");
        }
        return Optional.empty();
    }

    /** @throws ClickHouseNotConnected when the workspace has no tested ClickHouse connection */
    public ClickHouseLink require(long workspaceId) {
        problem(workspaceId).ifPresent(p -> {
            throw new ClickHouseNotConnected("ClickHouse cannot be used: " + p);
        });
        return stored(workspaceId).orElseThrow();
    }

    private ClickHouseLink link(long workspaceId, Map<String, String> settings) {
        boolean tls = Boolean.parseBoolean(settings.getOrDefault("tls", "false"));
        int port = Integer.parseInt(
                settings.getOrDefault("port", Integer.toString(tls ? DEFAULT_TLS_PORT : DEFAULT_PORT)));
        String password = vault.open(workspaceId, Integration.CLICKHOUSE.id(), Integration.CLICKHOUSE.secretName())
                .map(Secret::reveal)
                .orElse("");
        return new ClickHouseLink(
                new ClickHouseSettings(
                        settings.getOrDefault("host", ""),
                        port,
                        settings.getOrDefault("user", "default"),
                        password,
                        settings.getOrDefault("database", "default"),
                        tls),
                ClickHouseSchema.fromSettings(settings));
    }
}
