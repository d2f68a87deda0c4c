package dev.beton.posthog;

import dev.beton.query.ResultRows;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads a {@code HogQLQueryResponse} (from the POST or from a completed query status) into a page. */
final class QueryAnswers {

    private QueryAnswers() {}

    static boolean hasRows(JsonNode answer) {
        return answer.path("results").isArray();
    }

    static PostHogQueryPage page(JsonNode answer) {
        List<String> columns = new ArrayList<>();
        answer.path("columns").values().forEach(c -> columns.add(c.asString("")));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : answer.path("results").values()) {
            List<Object> values = new ArrayList<>();
            row.values().forEach(v -> values.add(scalar(v)));
            rows.add(values);
        }
        return new PostHogQueryPage(
                new ResultRows(columns, rows), answer.path("hasMore").asBoolean(false));
    }

    // HogQL answers carry numbers, strings (timestamps included) and nulls; ResultRows reads those.
    private static Object scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.isString() ? value.asString() : value.toString();
    }
}
