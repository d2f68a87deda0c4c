package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.ProjectData.Insight;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a SQL insight's result with the same HogQL engine as the query API. PostHog's insight
 * read answers the cached result (or none) unless {@code refresh} asks for a fresh one; the
 * emulator keeps the last computed result on the insight until its query changes, so a plain
 * read after a refresh shows it with {@code is_cached: true}.
 *
 * <p>Only {@code HogQLQuery} insights, bare or as the source of a {@code DataVisualizationNode}
 * or {@code DataTableNode}, are computed; product-analytics nodes (trends, funnels) keep a null
 * result.
 */
final class InsightResults {

    /** One computation, as the insight serializer exposes it. */
    record Computed(
            List<String> columns,
            List<List<String>> types,
            List<List<Object>> rows,
            boolean hasMore,
            String hogql,
            Instant lastRefresh) {}

    private final PostHogState state;
    private final HogQLEvaluator evaluator;

    InsightResults(PostHogState state, HogQLEvaluator evaluator) {
        this.state = state;
        this.evaluator = evaluator;
    }

    /**
     * Recomputes the insight's result now and keeps it on the insight. Call with the project
     * locked.
     *
     * @throws HogQLError when the insight's SQL does not run
     */
    void refresh(ProjectData project, Insight insight) {
        Optional<Map<?, ?>> source = hogQLSource(insight.query);
        if (source.isEmpty()) {
            insight.computed = null;
            return;
        }
        String sql = String.valueOf(source.get().get("query"));
        Instant now = state.clock.instant();
        HogQLEvaluator.Result result = evaluator.evaluate(sql, values(source.get()), QueryRoutes.tables(project), now);
        Map<String, Object> response = QueryResponses.of(sql, result, now, project.timezone());
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) response.get("results");
        @SuppressWarnings("unchecked")
        List<List<String>> types = (List<List<String>>) response.get("types");
        insight.computed =
                new Computed(result.columns(), types, rows, Boolean.TRUE.equals(response.get("hasMore")), sql, now);
    }

    /** Whether a read asks for a fresh result: PostHog's {@code refresh=true} and its newer spellings. */
    static boolean asksForRefresh(String refresh) {
        return switch (refresh) {
            case "true", "blocking", "force_blocking" -> true;
            default -> false;
        };
    }

    /** The {@code HogQLQuery} node an insight runs, if it is a SQL insight. */
    static Optional<Map<?, ?>> hogQLSource(Object query) {
        if (!(query instanceof Map<?, ?> node)) {
            return Optional.empty();
        }
        Object kind = node.get("kind");
        if ("HogQLQuery".equals(kind) && node.get("query") instanceof String) {
            return Optional.of(node);
        }
        if (("DataVisualizationNode".equals(kind) || "DataTableNode".equals(kind))) {
            return hogQLSource(node.get("source"));
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(Map<?, ?> source) {
        return source.get("values") instanceof Map<?, ?> values ? (Map<String, Object>) values : Map.of();
    }
}
