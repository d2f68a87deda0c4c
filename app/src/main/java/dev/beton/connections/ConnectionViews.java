package dev.beton.connections;

import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretUnreadable;
import dev.beton.workspace.credentials.SecretVault;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Builds the masked view of a workspace's integration, environment overrides applied. */
@Component
class ConnectionViews {

    private final ConnectionStore store;
    private final SecretVault vault;
    private final EnvironmentOverrides overrides;

    ConnectionViews(ConnectionStore store, SecretVault vault, EnvironmentOverrides overrides) {
        this.store = store;
        this.vault = vault;
        this.overrides = overrides;
    }

    ConnectionView of(long workspaceId, Integration integration) {
        Optional<StoredConnection> stored = store.find(workspaceId, integration);
        boolean active = stored.map(StoredConnection::active).orElse(false);
        Optional<Secret> envKey = overrides.keyFor(integration);
        StoredKey opened = active ? storedKey(workspaceId, integration) : StoredKey.NONE;
        Optional<Secret> storedKey = opened.key();
        KeySource source =
                envKey.isPresent() ? KeySource.ENVIRONMENT : storedKey.isPresent() ? KeySource.STORED : KeySource.NONE;
        Optional<Secret> key = envKey.or(() -> storedKey);
        return new ConnectionView(
                integration.id(),
                // ClickHouse may run without a password: its settings are what make it configured.
                key.isPresent() || (integration == Integration.CLICKHOUSE && active),
                source.id(),
                // A password shows no characters at all, not even a tail.
                key.map(k -> integration == Integration.CLICKHOUSE ? "••••••••" : k.masked())
                        .orElse(null),
                envKey.isPresent() || active,
                stored.map(StoredConnection::validated).orElse(false),
                stored.map(s -> s.state().column()).orElse(ValidationState.UNCHECKED.column()),
                stored.flatMap(StoredConnection::validatedAt).orElse(null),
                stored.flatMap(StoredConnection::lastCheckedAt).orElse(null),
                stored.flatMap(StoredConnection::lastSync).orElse(null),
                opened.unreadable()
                        .or(() -> stored.flatMap(StoredConnection::validationError))
                        .orElse(null),
                overrides.setFor(integration),
                details(integration, stored));
    }

    private record StoredKey(Optional<Secret> key, Optional<String> unreadable) {
        static final StoredKey NONE = new StoredKey(Optional.empty(), Optional.empty());
    }

    private StoredKey storedKey(long workspaceId, Integration integration) {
        try {
            return new StoredKey(vault.open(workspaceId, integration.id(), integration.secretName()), Optional.empty());
        } catch (SecretUnreadable e) {
            // shown as the connection's error instead of failing the whole page
            return new StoredKey(Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private Map<String, String> details(Integration integration, Optional<StoredConnection> stored) {
        Map<String, String> details = new LinkedHashMap<>();
        stored.ifPresent(s -> details.putAll(s.settings()));
        details.remove(ProjectChoices.SETTING);
        switch (integration) {
            case POSTHOG -> {
                stored.flatMap(StoredConnection::externalName).ifPresent(n -> details.put("workspace_name", n));
                stored.flatMap(StoredConnection::externalId).ifPresent(id -> details.put("project_id", id));
                overrides.posthogProjectId().ifPresent(id -> details.put("project_id", id));
                overrides.posthogHost().ifPresent(host -> details.put("host", host));
            }
            case ATTIO ->
                stored.flatMap(StoredConnection::externalName).ifPresent(n -> details.put("workspace_name", n));
            case CLICKHOUSE ->
                stored.flatMap(StoredConnection::externalName).ifPresent(v -> details.put("server_version", v));
        }
        return details;
    }
}
