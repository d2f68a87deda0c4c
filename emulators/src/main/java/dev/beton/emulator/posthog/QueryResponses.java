package dev.beton.emulator.posthog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A result table written as PostHog's {@code HogQLQueryResponse}. */
final class QueryResponses {

    private QueryResponses() {}

    static Map<String, Object> of(String sql, HogQLEvaluator.Result result, Instant now, java.time.ZoneId timezone) {
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
        body.put("cache_key", "emulator_" + UUID.nameUUIDFromBytes(sql.getBytes(StandardCharsets.UTF_8)));
        body.put("last_refresh", now.toString());
        body.put("next_allowed_client_refresh", now.toString());
        body.put("timezone", timezone.getId());
        body.put("timings", List.of());
        body.put("modifiers", Map.of());
        body.put("query_status", null);
        return body;
    }
}
