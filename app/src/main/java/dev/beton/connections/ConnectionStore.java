package dev.beton.connections;

import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code integration_connections}: every statement is scoped to one workspace. */
@Repository
class ConnectionStore {

    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    ConnectionStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    Optional<StoredConnection> find(long workspaceId, Integration integration) {
        return jdbc.sql("SELECT * FROM integration_connections WHERE workspace_id = ? AND integration = ?")
                .params(workspaceId, integration.id())
                .query(this::map)
                .optional();
    }

    /** Records a successful validation: the connection is active and validated from now on. */
    void saveValidated(
            long workspaceId,
            Integration integration,
            String externalName,
            String externalId,
            Map<String, String> settings,
            ValidationState state,
            Optional<String> caveat) {
        Instant now = clock.instant();
        ensureRow(workspaceId, integration, now);
        jdbc.sql("UPDATE integration_connections SET external_name = ?, external_id = ?, settings = ?,"
                        + " is_validated = TRUE, validation_state = ?, validated_at = ?, validation_error = ?,"
                        + " last_checked_at = ?, is_active = TRUE, updated_at = ?"
                        + " WHERE workspace_id = ? AND integration = ?")
                .params(
                        externalName,
                        externalId,
                        json.writeValueAsString(settings),
                        state.column(),
                        Timestamps.of(now),
                        caveat.orElse(null),
                        Timestamps.of(now),
                        Timestamps.of(now),
                        workspaceId,
                        integration.id())
                .update();
    }

    /**
     * Saves settings before they are tested ("Save & test"): the connection is active, its state
     * unchecked until {@link #saveChecked} records the test.
     */
    void saveSettings(
            long workspaceId, Integration integration, Optional<String> externalName, Map<String, String> settings) {
        Instant now = clock.instant();
        ensureRow(workspaceId, integration, now);
        jdbc.sql("UPDATE integration_connections SET external_name = ?, settings = ?, is_active = TRUE,"
                        + " updated_at = ? WHERE workspace_id = ? AND integration = ?")
                .params(
                        externalName.orElse(null),
                        json.writeValueAsString(settings),
                        Timestamps.of(now),
                        workspaceId,
                        integration.id())
                .update();
    }

    /** Records the result of a {@code test} of an existing connection. */
    void saveChecked(long workspaceId, Integration integration, ValidationState state, Optional<String> error) {
        Instant now = clock.instant();
        ensureRow(workspaceId, integration, now);
        boolean usable = state == ValidationState.OK || state == ValidationState.DEGRADED;
        jdbc.sql("UPDATE integration_connections SET is_validated = ?, validation_state = ?, validation_error = ?,"
                        + " last_checked_at = ?, validated_at = CASE WHEN ? THEN ? ELSE validated_at END,"
                        + " updated_at = ? WHERE workspace_id = ? AND integration = ?")
                .params(
                        usable,
                        state.column(),
                        error.orElse(null),
                        Timestamps.of(now),
                        usable,
                        Timestamps.of(now),
                        Timestamps.of(now),
                        workspaceId,
                        integration.id())
                .update();
    }

    /** Seed 002's disconnect: the row stays, inactive. */
    boolean deactivate(long workspaceId, Integration integration) {
        return jdbc.sql("UPDATE integration_connections SET is_active = FALSE, updated_at = ?"
                                + " WHERE workspace_id = ? AND integration = ?")
                        .params(Timestamps.of(clock.instant()), workspaceId, integration.id())
                        .update()
                > 0;
    }

    boolean delete(long workspaceId, Integration integration) {
        return jdbc.sql("DELETE FROM integration_connections WHERE workspace_id = ? AND integration = ?")
                        .params(workspaceId, integration.id())
                        .update()
                > 0;
    }

    /** Active connections of one integration by state, across workspaces, for the health endpoint. */
    Map<ValidationState, Long> activeByState(Integration integration) {
        Map<ValidationState, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT validation_state, count(*) AS n FROM integration_connections"
                        + " WHERE integration = ? AND is_active = TRUE GROUP BY validation_state")
                .param(integration.id())
                .query(rs -> {
                    counts.put(ValidationState.fromColumn(rs.getString("validation_state")), rs.getLong("n"));
                });
        return counts;
    }

    private void ensureRow(long workspaceId, Integration integration, Instant now) {
        if (find(workspaceId, integration).isEmpty()) {
            jdbc.sql("INSERT INTO integration_connections (workspace_id, integration, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?)")
                    .params(workspaceId, integration.id(), Timestamps.of(now), Timestamps.of(now))
                    .update();
        }
    }

    private StoredConnection map(ResultSet rs, int row) throws SQLException {
        return new StoredConnection(
                Integration.byId(rs.getString("integration")).orElseThrow(),
                Optional.ofNullable(rs.getString("external_name")),
                Optional.ofNullable(rs.getString("external_id")),
                json.readValue(rs.getString("settings"), SETTINGS),
                rs.getBoolean("is_validated"),
                ValidationState.fromColumn(rs.getString("validation_state")),
                Timestamps.optionalInstant(rs, "validated_at"),
                Optional.ofNullable(rs.getString("validation_error")),
                Timestamps.optionalInstant(rs, "last_checked_at"),
                Timestamps.optionalInstant(rs, "last_sync"),
                rs.getBoolean("is_active"));
    }
}
