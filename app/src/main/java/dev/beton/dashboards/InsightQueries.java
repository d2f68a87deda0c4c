package dev.beton.dashboards;

import dev.beton.query.Dialect;
import dev.beton.query.QueryDefinition;
import dev.beton.query.RenderedQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tile's PostHog insight: its query rendered to HogQL and wrapped in a {@code
 * DataVisualizationNode}. A saved insight is re-run by PostHog at any later time, so the time
 * bounds of the rendering (bound as instants relative to the rendering's {@code asOf}) are turned
 * into expressions relative to {@code now()}; every other value stays bound in {@code values}.
 */
final class InsightQueries {

    private InsightQueries() {}

    static Map<String, Object> node(TileDefinition tile, QueryDefinition definition, Instant asOf) {
        RenderedQuery rendered = definition.render(Dialect.HOGQL, asOf);
        String sql = rendered.sql();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> value : rendered.namedValues().entrySet()) {
            String placeholder = "toDateTime({" + value.getKey() + "})";
            Optional<Instant> at = instant(value.getValue());
            if (sql.contains(placeholder) && at.isPresent()) {
                long seconds = Duration.between(at.get(), asOf).toSeconds();
                sql = sql.replace(placeholder, relativeToNow(seconds));
            } else {
                values.put(value.getKey(), value.getValue());
            }
        }
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("kind", "HogQLQuery");
        source.put("query", sql);
        if (!values.isEmpty()) {
            source.put("values", values);
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("kind", "DataVisualizationNode");
        node.put("source", source);
        node.put("display", tile.visualisation().postHogDisplay());
        Map<String, Object> chart = new LinkedHashMap<>();
        tile.x().ifPresent(x -> chart.put("xAxis", Map.of("column", x)));
        List<Map<String, Object>> y =
                tile.y().stream().map(c -> Map.<String, Object>of("column", c)).toList();
        chart.put("yAxis", y);
        node.put("chartSettings", chart);
        return node;
    }

    private static String relativeToNow(long secondsBefore) {
        if (secondsBefore == 0) {
            return "now()";
        }
        return secondsBefore % 86_400 == 0
                ? "(now() - toIntervalDay(" + secondsBefore / 86_400 + "))"
                : "(now() - toIntervalSecond(" + secondsBefore + "))";
    }

    /** The HogQL text the insight runs (for docs and the registry page). */
    @SuppressWarnings("unchecked")
    static String hogql(Map<String, Object> node) {
        return String.valueOf(((Map<String, Object>) node.get("source")).get("query"));
    }

    private static Optional<Instant> instant(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
