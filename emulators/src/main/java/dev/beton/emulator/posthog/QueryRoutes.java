package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.Gate.RateClass.QUERY;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Json;
import dev.beton.emulator.Router;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/projects/{id}/query/} for {@code HogQLQuery}: checks the request shape,
 * hands the SQL to a {@link HogQLEvaluator} and wraps the table as {@code HogQLQueryResponse};
 * with {@code refresh: async} it answers 202 and the outcome is polled at
 * {@code GET /query/{query_id}/}. Queries count as {@code query:read} even though they are POSTs.
 */
final class QueryRoutes {

    private final PostHogState state;
    private final Gate gate;
    private final HogQLEvaluator evaluator;
    private final AsyncQueries async;

    QueryRoutes(PostHogState state, Gate gate, HogQLEvaluator evaluator, AsyncQueries async) {
        this.state = state;
        this.gate = gate;
        this.evaluator = evaluator;
        this.async = async;
    }

    void register(Router router) {
        for (String prefix : List.of("/api/projects", "/api/environments")) {
            String query = prefix + "/{project_id}/query/";
            router.route("POST", query, gate.project("query:read", QUERY, this::query));
            router.route("GET", query + "{query_id}/", gate.project("query:read", QUERY, async::status));
            router.route("DELETE", query + "{query_id}/", gate.project("query:read", QUERY, async::cancel));
        }
    }

    private EmulatorResponse query(EmulatorRequest request, ProjectData project) {
        JsonNode body = request.json();
        JsonNode node = body.path("query");
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
        AsyncQueries.Outcome outcome = run(project, node.path("query").asString(), values(node));
        if (isAsync(body)) {
            String id = body.path("client_query_id")
                    .asString(UUID.randomUUID().toString().replace("-", ""));
            return async.submit(project, id, outcome);
        }
        return switch (outcome) {
            case AsyncQueries.Done done -> EmulatorResponse.json(200, done.response());
            case AsyncQueries.Failed failed ->
                PostHogErrors.validation(
                        failed.error().kind.code, failed.error().getMessage(), null);
        };
    }

    /** The query runs at submission; asynchronous callers only learn the outcome later. */
    private AsyncQueries.Outcome run(ProjectData project, String sql, Map<String, Object> values) {
        Instant now = state.clock.instant();
        try {
            HogQLEvaluator.Result result = evaluator.evaluate(sql, values, tables(project), now);
            return new AsyncQueries.Done(QueryResponses.of(sql, result, now, project.timezone()));
        } catch (HogQLError e) {
            return new AsyncQueries.Failed(e);
        }
    }

    static HogQLEvaluator.Tables tables(ProjectData project) {
        synchronized (project) {
            return new HogQLEvaluator.Tables(
                    project.events(),
                    project.groupTypes(),
                    project.groups(),
                    project.persons(),
                    project.groupTypesCreatedAt(),
                    project.definitions.copy(),
                    project.timezone());
        }
    }

    /** {@code refresh: async|force_async|lazy_async} or the legacy {@code async: true}. */
    private static boolean isAsync(JsonNode body) {
        String refresh = body.path("refresh").asString("");
        return refresh.equals("async")
                || refresh.equals("force_async")
                || refresh.equals("lazy_async")
                || body.path("async").asBoolean(false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(JsonNode query) {
        return query.path("values").isObject() ? (Map<String, Object>) Json.toPlain(query.get("values")) : Map.of();
    }
}
