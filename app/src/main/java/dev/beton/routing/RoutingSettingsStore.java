package dev.beton.routing;

import dev.beton.boot.BetonProperties;
import dev.beton.store.Timestamps;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code routing_settings}; a workspace without a row has the defaults (the demo workspace creates companies). */
@Repository
class RoutingSettingsStore {

    static final String DEMO_SLUG = "demo";

    private final JdbcClient jdbc;
    private final Workspaces workspaces;
    private final BetonProperties beton;
    private final Clock clock;

    RoutingSettingsStore(JdbcClient jdbc, Workspaces workspaces, BetonProperties beton, Clock clock) {
        this.jdbc = jdbc;
        this.workspaces = workspaces;
        this.beton = beton;
        this.clock = clock;
    }

    RoutingSettings current(long workspaceId) {
        return jdbc.sql("SELECT * FROM routing_settings WHERE workspace_id = ?")
                .param(workspaceId)
                .query((rs, row) -> new RoutingSettings(
                        RoutingSettings.Unresolved.valueOf(
                                rs.getString("unresolved").toUpperCase(Locale.ROOT)),
                        rs.getBoolean("auto_apply"),
                        rs.getString("initial_stage"),
                        Optional.ofNullable(rs.getString("default_owner")).filter(s -> !s.isBlank()),
                        split(rs.getString("won_stages")),
                        split(rs.getString("lost_stages"))))
                .optional()
                .orElseGet(() -> RoutingSettings.defaults(isDemo(workspaceId)));
    }

    void save(long workspaceId, RoutingSettings settings) {
        jdbc.sql("DELETE FROM routing_settings WHERE workspace_id = ?")
                .param(workspaceId)
                .update();
        jdbc.sql("INSERT INTO routing_settings (workspace_id, unresolved, auto_apply, initial_stage, default_owner,"
                        + " won_stages, lost_stages, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        settings.unresolved().name().toLowerCase(Locale.ROOT),
                        settings.autoApply(),
                        settings.initialStage(),
                        settings.defaultOwner().orElse(null),
                        String.join("\n", settings.wonStages()),
                        String.join("\n", settings.lostStages()),
                        Timestamps.of(clock.instant()))
                .update();
    }

    private boolean isDemo(long workspaceId) {
        return beton.demo()
                && workspaces
                        .byId(workspaceId)
                        .map(w -> w.slug().equals(DEMO_SLUG))
                        .orElse(false);
    }

    private static List<String> split(String lines) {
        return lines == null
                ? List.of()
                : Arrays.stream(lines.split("\n"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
