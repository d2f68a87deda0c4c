package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.Gate.RateClass.CRUD;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Json;
import dev.beton.emulator.Router;
import dev.beton.emulator.posthog.ProjectData.Dashboard;
import dev.beton.emulator.posthog.ProjectData.Tile;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Dashboards: list with repeatable {@code ?tags=}, create, read, update, soft delete through
 * {@code PATCH {"deleted": true}} and restore through {@code PATCH {"deleted": false}};
 * {@code DELETE} is refused with 405 as {@code ForbidDestroyModel} does.
 */
final class DashboardRoutes {

    private final PostHogState state;
    private final Gate gate;
    private final BoardJson json;

    DashboardRoutes(PostHogState state, Gate gate, BoardJson json) {
        this.state = state;
        this.gate = gate;
        this.json = json;
    }

    void register(Router router) {
        for (String prefix : List.of("/api/projects", "/api/environments")) {
            String list = prefix + "/{project_id}/dashboards/";
            String one = list + "{id}/";
            router.route("GET", list, gate.project("dashboard:read", CRUD, this::list));
            router.route("GET", prefix + "/{project_id}/tags/", gate.project("dashboard:read", CRUD, this::tags));
            router.route("POST", list, gate.project("dashboard:write", CRUD, this::create));
            router.route("GET", one, gate.project("dashboard:read", CRUD, this::get));
            router.route("PATCH", one, gate.project("dashboard:write", CRUD, this::update));
            router.route("PUT", one, gate.project("dashboard:write", CRUD, this::update));
            router.route(
                    "DELETE",
                    one,
                    gate.project("dashboard:write", CRUD, (r, p) -> PostHogErrors.hardDeleteForbidden()));
        }
    }

    private EmulatorResponse list(EmulatorRequest request, ProjectData project) {
        List<String> tags = request.queryParams("tags");
        synchronized (project) {
            List<Map<String, Object>> visible = project.dashboards.values().stream()
                    .filter(d -> !d.deleted)
                    .filter(d -> tags.isEmpty() || Tags.anyOf(d.tags, tags))
                    .sorted(Comparator.comparing((Dashboard d) -> !d.pinned)
                            .thenComparing(d -> d.name == null ? "" : d.name))
                    .map(d -> json.dashboardBasic(project, d))
                    .toList();
            return EmulatorResponse.json(200, Pagination.page(request, Site.url(request), visible));
        }
    }

    /**
     * {@code GET /tags/}: the distinct tags of the project's live dashboards and insights; a server
     * without tagging (older or unlicensed) answers 402, as PostHog's licence check does.
     */
    private EmulatorResponse tags(EmulatorRequest request, ProjectData project) {
        if (!state.tagging) {
            return PostHogErrors.paymentRequired(
                    "Tagging is a premium feature; this organization's plan does not" + " include it.");
        }
        synchronized (project) {
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            project.dashboards.values().stream().filter(d -> !d.deleted).forEach(d -> names.addAll(d.tags));
            project.insights.values().stream().filter(i -> !i.deleted).forEach(i -> names.addAll(i.tags));
            List<Map<String, Object>> items =
                    names.stream().map(n -> Map.<String, Object>of("tag", n)).toList();
            return EmulatorResponse.json(200, Pagination.page(request, Site.url(request), items));
        }
    }

    private EmulatorResponse create(EmulatorRequest request, ProjectData project) {
        JsonNode body = request.json();
        if (!body.isObject()) {
            return PostHogErrors.validation("parse_error", "JSON parse error - expected an object.", null);
        }
        synchronized (project) {
            Dashboard dashboard = new Dashboard(state.nextId(), state.clock.instant());
            dashboard.name = "";
            apply(dashboard, body);
            project.dashboards.put(dashboard.id, dashboard);
            return EmulatorResponse.json(201, json.dashboard(project, dashboard));
        }
    }

    private EmulatorResponse get(EmulatorRequest request, ProjectData project) {
        synchronized (project) {
            return find(project, request.pathParam("id"), false)
                    .map(d -> EmulatorResponse.json(200, json.dashboard(project, d)))
                    .orElseGet(PostHogErrors::notFound);
        }
    }

    private EmulatorResponse update(EmulatorRequest request, ProjectData project) {
        JsonNode body = request.json();
        if (!body.isObject()) {
            return PostHogErrors.validation("parse_error", "JSON parse error - expected an object.", null);
        }
        // Only a restoring patch may see a deleted dashboard.
        boolean restoring =
                body.path("deleted").isBoolean() && !body.path("deleted").asBoolean();
        synchronized (project) {
            Optional<Dashboard> found = find(project, request.pathParam("id"), restoring);
            if (found.isEmpty()) {
                return PostHogErrors.notFound();
            }
            Dashboard dashboard = found.get();
            apply(dashboard, body);
            if (body.path("deleted").isBoolean()) {
                cascadeDelete(project, dashboard, body.path("delete_insights").asBoolean(false));
            }
            return EmulatorResponse.json(200, json.dashboard(project, dashboard));
        }
    }

    private void apply(Dashboard d, JsonNode body) {
        if (body.has("name")) {
            d.name = body.get("name").isNull() ? null : body.get("name").asString();
        }
        if (body.has("description")) {
            d.description = body.get("description").asString();
        }
        if (body.has("pinned")) {
            d.pinned = body.get("pinned").asBoolean();
        }
        if (body.has("deleted")) {
            d.deleted = body.get("deleted").asBoolean();
        }
        if (body.path("filters").isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> filters = (Map<String, Object>) Json.toPlain(body.get("filters"));
            d.filters = filters;
        }
        if (body.has("tags") && state.tagging) {
            d.tags = Tags.normalize(body.get("tags"));
        }
    }

    /**
     * Deleting soft-deletes the dashboard's tiles and, with {@code delete_insights}, the
     * insights that live on no other dashboard; restoring brings the tiles back.
     */
    private static void cascadeDelete(ProjectData project, Dashboard dashboard, boolean deleteInsights) {
        for (Tile tile : project.tiles) {
            if (tile.dashboardId != dashboard.id) {
                continue;
            }
            if (dashboard.deleted && !tile.deleted) {
                tile.deleted = true;
                tile.deletedWithDashboard = true;
                boolean elsewhere = project.tiles.stream()
                        .anyMatch(t -> t.insightId == tile.insightId && t.dashboardId != dashboard.id && !t.deleted);
                if (deleteInsights && !elsewhere) {
                    project.insights.get(tile.insightId).deleted = true;
                }
            } else if (!dashboard.deleted && tile.deletedWithDashboard) {
                // Restoring brings back what the deletion took, not tiles removed before it.
                tile.deleted = false;
                tile.deletedWithDashboard = false;
            }
        }
    }

    static Optional<Dashboard> find(ProjectData project, String idText, boolean includeDeleted) {
        try {
            return Optional.ofNullable(project.dashboards.get(Long.parseLong(idText)))
                    .filter(d -> includeDeleted || !d.deleted);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
