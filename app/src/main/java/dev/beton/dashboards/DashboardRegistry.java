package dev.beton.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.store.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry (tables of migration V90): per workspace, the PostHog dashboard and insight ids of
 * each provisioned dashboard and tile with their versions, and the log of insight migrations.
 */
@Repository
class DashboardRegistry {

    record Entry(
            @JsonProperty("dashboard_id") String dashboardId,
            int version,
            @JsonProperty("posthog_host") String host,
            @JsonProperty("posthog_project_id") long projectId,
            @JsonProperty("posthog_dashboard_id") long postHogDashboardId,
            boolean tagged,
            @JsonProperty("provisioned_at") Instant provisionedAt,
            List<InsightEntry> insights) {}

    record InsightEntry(
            @JsonProperty("tile_id") String tileId,
            @JsonProperty("tile_version") int tileVersion,
            @JsonProperty("posthog_insight_id") long insightId,
            @JsonProperty("short_id") String shortId) {}

    record Migration(
            @JsonProperty("dashboard_id") String dashboardId,
            @JsonProperty("tile_id") String tileId,
            String action,
            @JsonProperty("from_version") Integer fromVersion,
            @JsonProperty("to_version") Integer toVersion,
            @JsonProperty("posthog_insight_id") long insightId,
            @JsonProperty("migrated_at") Instant at) {}

    private final JdbcClient jdbc;

    DashboardRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Entry> all(long workspaceId) {
        Map<String, List<InsightEntry>> insights = jdbc
                .sql("SELECT dashboard_id, tile_id, tile_version, posthog_insight_id, posthog_short_id"
                        + " FROM dashboard_registry_insights WHERE workspace_id = ? ORDER BY tile_id")
                .param(workspaceId)
                .query((rs, n) -> Map.entry(
                        rs.getString("dashboard_id"),
                        new InsightEntry(
                                rs.getString("tile_id"),
                                rs.getInt("tile_version"),
                                rs.getLong("posthog_insight_id"),
                                rs.getString("posthog_short_id"))))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return jdbc.sql("SELECT dashboard_id, version, posthog_host, posthog_project_id, posthog_dashboard_id, tagged,"
                        + " provisioned_at FROM dashboard_registry WHERE workspace_id = ? ORDER BY dashboard_id")
                .param(workspaceId)
                .query((rs, n) -> new Entry(
                        rs.getString("dashboard_id"),
                        rs.getInt("version"),
                        rs.getString("posthog_host"),
                        rs.getLong("posthog_project_id"),
                        rs.getLong("posthog_dashboard_id"),
                        rs.getBoolean("tagged"),
                        Timestamps.instant(rs, "provisioned_at"),
                        insights.getOrDefault(rs.getString("dashboard_id"), List.of())))
                .list();
    }

    Optional<Entry> find(long workspaceId, String dashboardId) {
        return all(workspaceId).stream()
                .filter(e -> e.dashboardId().equals(dashboardId))
                .findFirst();
    }

    @Transactional
    void saveDashboard(
            long workspaceId,
            String dashboardId,
            int version,
            String host,
            long projectId,
            long postHogDashboardId,
            boolean tagged,
            Instant at) {
        jdbc.sql("DELETE FROM dashboard_registry WHERE workspace_id = ? AND dashboard_id = ?")
                .params(workspaceId, dashboardId)
                .update();
        jdbc.sql("INSERT INTO dashboard_registry (workspace_id, dashboard_id, version, posthog_host,"
                        + " posthog_project_id, posthog_dashboard_id, tagged, provisioned_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        dashboardId,
                        version,
                        host,
                        projectId,
                        postHogDashboardId,
                        tagged,
                        Timestamps.of(at))
                .update();
    }

    @Transactional
    void saveInsight(long workspaceId, String dashboardId, String tileId, int version, long insightId, String shortId) {
        removeInsight(workspaceId, dashboardId, tileId);
        jdbc.sql("INSERT INTO dashboard_registry_insights (workspace_id, dashboard_id, tile_id, tile_version,"
                        + " posthog_insight_id, posthog_short_id) VALUES (?, ?, ?, ?, ?, ?)")
                .params(workspaceId, dashboardId, tileId, version, insightId, shortId)
                .update();
    }

    void removeInsight(long workspaceId, String dashboardId, String tileId) {
        jdbc.sql("DELETE FROM dashboard_registry_insights WHERE workspace_id = ? AND dashboard_id = ? AND tile_id = ?")
                .params(workspaceId, dashboardId, tileId)
                .update();
    }

    @Transactional
    void remove(long workspaceId, String dashboardId) {
        jdbc.sql("DELETE FROM dashboard_registry_insights WHERE workspace_id = ? AND dashboard_id = ?")
                .params(workspaceId, dashboardId)
                .update();
        jdbc.sql("DELETE FROM dashboard_registry WHERE workspace_id = ? AND dashboard_id = ?")
                .params(workspaceId, dashboardId)
                .update();
    }

    void recordMigration(
            long workspaceId,
            String dashboardId,
            String tileId,
            String action,
            Integer fromVersion,
            Integer toVersion,
            long insightId,
            Instant at) {
        jdbc.sql("INSERT INTO dashboard_migrations (workspace_id, dashboard_id, tile_id, action, from_version,"
                        + " to_version, posthog_insight_id, migrated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(workspaceId, dashboardId, tileId, action, fromVersion, toVersion, insightId, Timestamps.of(at))
                .update();
    }

    List<Migration> migrations(long workspaceId) {
        return jdbc.sql("SELECT dashboard_id, tile_id, action, from_version, to_version, posthog_insight_id,"
                        + " migrated_at FROM dashboard_migrations WHERE workspace_id = ? ORDER BY id")
                .param(workspaceId)
                .query((rs, n) -> new Migration(
                        rs.getString("dashboard_id"),
                        rs.getString("tile_id"),
                        rs.getString("action"),
                        (Integer) rs.getObject("from_version"),
                        (Integer) rs.getObject("to_version"),
                        rs.getLong("posthog_insight_id"),
                        Timestamps.instant(rs, "migrated_at")))
                .list();
    }
}
