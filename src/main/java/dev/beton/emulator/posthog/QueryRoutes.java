package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.Gate.RateClass.QUERY;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Json;
import dev.beton.emulator.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/projects/{id}/query/} for {@code HogQLQuery}: checks the request shape,
 * hands the SQL to a {@link HogQLEvaluator} and wraps the table as {@code HogQLQueryResponse}.
 * Queries count as {@code query:read} even though they are POSTs.
 */
final class QueryRoutes {

    private final PostHogState state;
    private final Gate gate;
    private final HogQLEvaluator evaluator;

    QueryRoutes(PostHogState state, Gate gate, HogQLEvaluator evaluator) {
        this.state = state;
        this.gate = gate;
        this.evaluator = evaluator;
    }

    void register(Router router) {
        for (String prefix : List.of("/api/projects", "/api/environments")) {
            router.route("POST", prefix + "/{project_id}/query/", gate.project("query:read", QUERY, this::query));
        }
    }

    private EmulatorResponse query(EmulatorRequest request, ProjectData project) {
        JsonNode node = request.json().path("query");
        if (!node.isObject() || !node.path("kind").isString()) {
            return PostHogErrors.validation("invalid_input", "Field 'query.kind' is required.", "query");
        }
        if (!"HogQLQuery".equals(node.path("kind").asString())) {
            return PostHogErrors.validation(
                    "invalid_input",
                    "The Beton PostHog emulator only runs HogQLQuery, not "
                            + node.path("kind").asString() + ".",
                    "query");
        }
        if (!node.path("query").isString()) {
            return PostHogErrors.validation("invalid_input", "Field 'query.query' is required.", "query");
        }
        String sql = node.path("query").asString();
        try {
            HogQLEvaluator.Result result =
                    evaluator.evaluate(sql, values(node), project.events(), state.clock.instant());
            return EmulatorResponse.json(200, response(sql, result));
        } catch (HogQLError e) {
            return PostHogErrors.validation(e.kind.code, e.getMessage(), null);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(JsonNode query) {
        return query.path("values").isObject() ? (Map<String, Object>) Json.toPlain(query.get("values")) : Map.of();
    }

    private Map<String, Object> response(String sql, HogQLEvaluator.Result result) {
        Instant now = state.clock.instant();
        List<List<Object>> rows = result.rows();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("columns", result.columns());
        List<List<String>> types = new ArrayList<>();
        for (int i = 0; i < result.columns().size(); i++) {
            types.add(List.of(result.columns().get(i), result.types().get(i)));
        }
        body.put("types", types);
        if (result.limit() < 0) {
            // Without LIMIT the paginator returns at most 100 rows and says whether more exist.
            int pageSize = Pagination.PAGE_SIZE;
            body.put("results", rows.subList(0, Math.min(pageSize, rows.size())));
            body.put("hasMore", rows.size() > pageSize);
            body.put("limit", pageSize);
            body.put("offset", 0);
        } else {
            body.put("results", rows);
        }
        body.put("hogql", sql);
        body.put("clickhouse", null);
        body.put("query", sql);
        body.put("is_cached", false);
        body.put(
                "cache_key",
                "emulator_" + UUID.nameUUIDFromBytes(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        body.put("last_refresh", now.toString());
        body.put("next_allowed_client_refresh", now.toString());
        body.put("timezone", "UTC");
        body.put("timings", List.of());
        body.put("modifiers", Map.of());
        body.put("query_status", null);
        return body;
    }
}
