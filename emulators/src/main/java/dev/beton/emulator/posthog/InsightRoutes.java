package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.Gate.RateClass.ANALYTICS;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Json;
import dev.beton.emulator.Router;
import dev.beton.emulator.posthog.ProjectData.Insight;
import dev.beton.emulator.posthog.ProjectData.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Insights: every action runs under the ClickHouse throttles. {@code dashboards: [id]} places
 * the insight on dashboards as tiles; list filters take JSON ({@code ?tags=["a"]}); delete is
 * soft, through PATCH. A read with {@code refresh=true} computes a SQL insight's result
 * ({@link InsightResults}); later reads show it as cached.
 */
final class InsightRoutes {

    private final PostHogState state;
    private final Gate gate;
    private final BoardJson json;
    private final InsightResults results;

    InsightRoutes(PostHogState state, Gate gate, BoardJson json, InsightResults results) {
        this.state = state;
        this.gate = gate;
        this.json = json;
        this.results = results;
    }

    void register(Router router) {
        for (String prefix : List.of("/api/projects", "/api/environments")) {
            String list = prefix + "/{project_id}/insights/";
            String one = list + "{id}/";
            router.route("GET", list, gate.project("insight:read", ANALYTICS, this::list));
            router.route("POST", list, gate.project("insight:write", ANALYTICS, this::create));
            router.route("GET", one, gate.project("insight:read", ANALYTICS, this::get));
            router.route("PATCH", one, gate.project("insight:write", ANALYTICS, this::update));
            router.route("PUT", one, gate.project("insight:write", ANALYTICS, this::update));
            router.route(
                    "DELETE",
                    one,
                    gate.project("insight:write", ANALYTICS, (r, p) -> PostHogErrors.hardDeleteForbidden()));
        }
    }

    private EmulatorResponse list(EmulatorRequest request, ProjectData project) {
        Predicate<Insight> filter;
        try {
            filter = ListFilter.of(request, project);
        } catch (IllegalArgumentException e) {
            return PostHogErrors.validation("invalid_input", e.getMessage(), null);
        }
        synchronized (project) {
            List<Map<String, Object>> visible = project.insights.values().stream()
                    .filter(i -> !i.deleted)
                    .filter(filter)
                    .map(i -> json.insight(project, i))
                    .toList();
            return EmulatorResponse.json(200, Pagination.page(request, Site.url(request), visible));
        }
    }

    private EmulatorResponse create(EmulatorRequest request, ProjectData project) {
        JsonNode body = request.json();
        if (!body.isObject()) {
            return PostHogErrors.validation("parse_error", "JSON parse error - expected an object.", null);
        }
        synchronized (project) {
            Optional<EmulatorResponse> invalid = checkDashboards(project, body);
            if (invalid.isPresent()) {
                return invalid.get();
            }
            long id = state.nextId();
            Insight insight = new Insight(id, shortId(id), state.clock.instant());
            apply(insight, body);
            project.insights.put(id, insight);
            placeOnDashboards(project, insight, body);
            return EmulatorResponse.json(201, json.insight(project, insight));
        }
    }

    private EmulatorResponse get(EmulatorRequest request, ProjectData project) {
        boolean refresh =
                InsightResults.asksForRefresh(request.queryParam("refresh").orElse(""));
        synchronized (project) {
            Optional<Insight> found = find(project, request.pathParam("id"), false);
            if (found.isEmpty()) {
                return PostHogErrors.notFound();
            }
            Insight insight = found.get();
            if (refresh) {
                try {
                    results.refresh(project, insight);
                } catch (HogQLError e) {
                    return PostHogErrors.validation(e.kind.code, e.getMessage(), null);
                }
            }
            return EmulatorResponse.json(200, json.insight(project, insight, refresh));
        }
    }

    private EmulatorResponse update(EmulatorRequest request, ProjectData project) {
        JsonNode body = request.json();
        if (!body.isObject()) {
            return PostHogErrors.validation("parse_error", "JSON parse error - expected an object.", null);
        }
        boolean restoring =
                body.path("deleted").isBoolean() && !body.path("deleted").asBoolean();
        synchronized (project) {
            Optional<Insight> found = find(project, request.pathParam("id"), restoring);
            if (found.isEmpty()) {
                return PostHogErrors.notFound();
            }
            Optional<EmulatorResponse> invalid = checkDashboards(project, body);
            if (invalid.isPresent()) {
                return invalid.get();
            }
            Insight insight = found.get();
            apply(insight, body);
            // Updates default "saved" to true, as the serializer does.
            insight.saved = body.path("saved").asBoolean(true);
            insight.updatedAt = state.clock.instant();
            placeOnDashboards(project, insight, body);
            return EmulatorResponse.json(200, json.insight(project, insight));
        }
    }

    private void apply(Insight insight, JsonNode body) {
        if (body.has("name")) {
            insight.name = body.get("name").isNull() ? null : body.get("name").asString();
        }
        if (body.has("description")) {
            insight.description = body.get("description").isNull()
                    ? null
                    : body.get("description").asString();
        }
        if (body.has("query")) {
            insight.query = Json.toPlain(body.get("query"));
            // A new query invalidates the cached result, as PostHog's cache key is the query.
            insight.computed = null;
        }
        if (body.path("filters").isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> filters = (Map<String, Object>) Json.toPlain(body.get("filters"));
            insight.filters = filters;
        }
        if (body.has("tags") && state.tagging) {
            insight.tags = Tags.normalize(body.get("tags"));
        }
        insight.deleted = body.path("deleted").asBoolean(insight.deleted);
        insight.saved = body.path("saved").asBoolean(insight.saved);
        insight.favorited = body.path("favorited").asBoolean(insight.favorited);
    }

    private static Optional<EmulatorResponse> checkDashboards(ProjectData project, JsonNode body) {
        if (!body.has("dashboards")) {
            return Optional.empty();
        }
        for (JsonNode id : body.get("dashboards").values()) {
            if (DashboardRoutes.find(project, id.asString(), false).isEmpty()) {
                return Optional.of(PostHogErrors.validation(
                        "invalid_input", "Dashboard not found: " + id.asString(), "dashboards"));
            }
        }
        return Optional.empty();
    }

    /** Adds a tile per listed dashboard, undeletes re-added ones and soft-deletes the rest. */
    private void placeOnDashboards(ProjectData project, Insight insight, JsonNode body) {
        if (!body.has("dashboards")) {
            return;
        }
        List<Long> wanted = new ArrayList<>();
        body.get("dashboards").values().forEach(n -> wanted.add(n.asLong()));
        for (Tile tile : project.tiles) {
            if (tile.insightId == insight.id) {
                tile.deleted = !wanted.contains(tile.dashboardId);
                tile.deletedWithDashboard = false;
            }
        }
        for (long dashboardId : wanted) {
            boolean exists =
                    project.tiles.stream().anyMatch(t -> t.insightId == insight.id && t.dashboardId == dashboardId);
            if (!exists) {
                project.tiles.add(new Tile(state.nextId(), dashboardId, insight.id));
            }
        }
    }

    /** Accepts the numeric id or the short id. */
    private static Optional<Insight> find(ProjectData project, String idText, boolean includeDeleted) {
        return project.insights.values().stream()
                .filter(i -> Long.toString(i.id).equals(idText) || i.shortId.equals(idText))
                .filter(i -> includeDeleted || !i.deleted)
                .findFirst();
    }

    private static String shortId(long id) {
        // Eight base-36 characters, distinct per id, like PostHog's generate_short_id.
        String text = Long.toString(Math.floorMod(id * 2_654_435_761L, 2_821_109_907_456L), 36);
        return "0".repeat(8 - text.length()) + text;
    }
}
