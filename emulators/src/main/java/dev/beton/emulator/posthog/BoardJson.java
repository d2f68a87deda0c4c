package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.ProjectData.Dashboard;
import dev.beton.emulator.posthog.ProjectData.Insight;
import dev.beton.emulator.posthog.ProjectData.Tile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dashboards and insights as PostHog's serializers write them. Call with the project locked. */
final class BoardJson {

    /** Dashboard.RestrictionLevel.EVERYONE_IN_PROJECT_CAN_EDIT */
    private static final int RESTRICTION_EVERYONE = 21;
    /** Dashboard.PrivilegeLevel.CAN_EDIT */
    private static final int PRIVILEGE_CAN_EDIT = 37;

    private final PostHogState state;

    BoardJson(PostHogState state) {
        this.state = state;
    }

    /** {@code DashboardBasicSerializer}: what the list shows, without tiles. */
    Map<String, Object> dashboardBasic(ProjectData project, Dashboard d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", d.id);
        body.put("name", d.name);
        body.put("description", d.description);
        body.put("pinned", d.pinned);
        body.put("created_at", d.createdAt.toString());
        body.put("created_by", userBasic());
        body.put("last_accessed_at", null);
        body.put("is_shared", false);
        body.put("deleted", d.deleted);
        body.put("creation_mode", "default");
        body.put("tags", d.tags);
        body.put("restriction_level", RESTRICTION_EVERYONE);
        body.put("effective_restriction_level", RESTRICTION_EVERYONE);
        body.put("effective_privilege_level", PRIVILEGE_CAN_EDIT);
        body.put("user_access_level", "editor");
        body.put("team_id", project.project.id());
        return body;
    }

    /** {@code DashboardSerializer}: the detail, with live tiles and their insights. */
    Map<String, Object> dashboard(ProjectData project, Dashboard d) {
        Map<String, Object> body = dashboardBasic(project, d);
        body.put("filters", d.filters);
        body.put("variables", Map.of());
        body.put(
                "tiles",
                project.tiles.stream()
                        .filter(t -> t.dashboardId == d.id && !t.deleted)
                        .filter(t -> !project.insights.get(t.insightId).deleted)
                        .map(t -> tile(project, t))
                        .toList());
        return body;
    }

    Map<String, Object> insight(ProjectData project, Insight i) {
        return insight(project, i, false);
    }

    /**
     * @param fresh whether this read computed the result (else a result is the cached one)
     */
    Map<String, Object> insight(ProjectData project, Insight i, boolean fresh) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", i.id);
        body.put("short_id", i.shortId);
        body.put("name", i.name);
        body.put("derived_name", null);
        body.put("filters", i.filters);
        body.put("query", i.query);
        body.put("order", null);
        body.put("deleted", i.deleted);
        body.put("dashboards", liveDashboardIds(project, i));
        body.put(
                "dashboard_tiles",
                project.tiles.stream()
                        .filter(t -> t.insightId == i.id)
                        .map(t -> tileBasic(t))
                        .toList());
        InsightResults.Computed computed = i.computed;
        String lastRefresh = computed == null ? null : computed.lastRefresh().toString();
        body.put("last_refresh", lastRefresh);
        body.put("cache_target_age", null);
        body.put("next_allowed_client_refresh", lastRefresh);
        body.put("result", computed == null ? null : computed.rows());
        body.put("hasMore", computed == null ? null : computed.hasMore());
        body.put("columns", computed == null ? null : computed.columns());
        body.put("created_at", i.createdAt.toString());
        body.put("created_by", userBasic());
        body.put("description", i.description);
        body.put("updated_at", i.updatedAt.toString());
        body.put("tags", i.tags);
        body.put("favorited", i.favorited);
        body.put("saved", i.saved);
        body.put("last_modified_at", i.updatedAt.toString());
        body.put("last_modified_by", userBasic());
        body.put("is_sample", false);
        body.put("effective_restriction_level", RESTRICTION_EVERYONE);
        body.put("effective_privilege_level", PRIVILEGE_CAN_EDIT);
        body.put("user_access_level", "editor");
        body.put("timezone", "UTC");
        // A result computed by an earlier read is served from the insight's cache.
        body.put("is_cached", computed != null && !fresh);
        body.put("query_status", null);
        body.put("hogql", computed == null ? null : computed.hogql());
        body.put("types", computed == null ? null : computed.types());
        body.put("alerts", List.of());
        body.put("last_viewed_at", null);
        return body;
    }

    static List<Long> liveDashboardIds(ProjectData project, Insight i) {
        return project.tiles.stream()
                .filter(t -> t.insightId == i.id && !t.deleted)
                .map(t -> t.dashboardId)
                .filter(id -> !project.dashboards.get(id).deleted)
                .toList();
    }

    private Map<String, Object> tile(ProjectData project, Tile t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", t.id);
        body.put("layouts", Map.of());
        body.put("color", null);
        body.put("insight", insight(project, project.insights.get(t.insightId)));
        body.put("text", null);
        body.put("order", 0);
        body.put("last_refresh", null);
        body.put("is_cached", false);
        body.put("show_description", null);
        body.put("transparent_background", null);
        return body;
    }

    private static Map<String, Object> tileBasic(Tile t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", t.id);
        body.put("dashboard_id", t.dashboardId);
        body.put("deleted", t.deleted);
        return body;
    }

    private Map<String, Object> userBasic() {
        PostHogState.EmulatedUser user = state.user;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("uuid", user.uuid().toString());
        body.put("distinct_id", user.uuid().toString());
        body.put("first_name", user.firstName());
        body.put("last_name", user.lastName());
        body.put("email", user.email());
        return body;
    }
}
