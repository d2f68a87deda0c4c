package dev.beton.query;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * DuckDB over the warehouse schema ({@code warehouse/V1__events.sql}). Properties are JSON read
 * with {@code json_extract_string}; persons and groups are joined explicitly where a query reads
 * their properties, under the names HogQL gives its lazy joins ({@code person}, {@code group_N}).
 * Timestamps are bound as UTC {@link LocalDateTime}s because the warehouse stores UTC instants in
 * {@code TIMESTAMP} columns without zone.
 */
final class DuckDbRenderer extends SqlRenderer {

    @Override
    Dialect dialect() {
        return Dialect.DUCKDB;
    }

    @Override
    String identifier(String name) {
        return '"' + name + '"';
    }

    @Override
    String eventsTable(Query query) {
        return "\"events\"";
    }

    @Override
    List<String> implicitJoins(Query query) {
        if (!(query.from() instanceof Query.Source.Events)) {
            return List.of();
        }
        List<String> joins = new ArrayList<>();
        if (ExpressionScan.nodes(query).anyMatch(Expr.PersonProperty.class::isInstance)) {
            joins.add("LEFT JOIN \"persons\" AS \"person\" ON \"person\".\"id\" = \"events\".\"person_id\"");
        }
        ExpressionScan.nodes(query)
                .filter(Expr.GroupProperty.class::isInstance)
                .map(e -> ((Expr.GroupProperty) e).groupIndex())
                .distinct()
                .sorted()
                .forEach(index -> joins.add("LEFT JOIN \"groups\" AS \"group_" + index + "\" ON \"group_" + index
                        + "\".\"group_type_index\" = " + index + " AND \"group_" + index
                        + "\".\"group_key\" = \"events\".\"$group_" + index + "\""));
        return joins;
    }

    @Override
    String parameter(Expr.Param param, ParameterBinder binder) {
        Object value = param.value() instanceof Instant instant ? utc(instant) : param.value();
        binder.use(param.name(), param.value(), value, true);
        return "?";
    }

    @Override
    String timestampParameter(String name, Instant value, ParameterBinder binder) {
        binder.use(name, value, utc(value), true);
        return "?";
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    String eventProperty(Expr.EventProperty property) {
        return json("events", property.path());
    }

    @Override
    String hasProperty(Expr.EventProperty property) {
        String jsonPath =
                property.path().stream().map(name -> ".\"" + name.value() + '"').collect(Collectors.joining());
        return "json_exists(\"events\".\"properties\", '$" + jsonPath + "')";
    }

    @Override
    String personProperty(Expr.PersonProperty property) {
        return json("person", List.of(property.name()));
    }

    @Override
    String groupProperty(Expr.GroupProperty property) {
        return json("group_" + property.groupIndex(), List.of(property.name()));
    }

    /** Each name is quoted inside the JSON path so that dots and dollars in it are literal. */
    private static String json(String source, List<PropertyName> path) {
        String jsonPath = path.stream().map(name -> ".\"" + name.value() + '"').collect(Collectors.joining());
        return "json_extract_string(\"" + source + "\".\"properties\", '$" + jsonPath + "')";
    }

    @Override
    String groupKey(Expr.GroupKey key) {
        return "\"events\".\"$group_" + key.groupIndex() + '"';
    }

    @Override
    String aggregate(Expr.Aggregate aggregate, Function<Expr, String> render) {
        String argument = aggregate.argument().map(render).orElse("");
        return switch (aggregate.function()) {
            case COUNT -> "count(*)";
            case COUNT_IF ->
                "count(*) FILTER (WHERE " + render.apply(aggregate.condition().orElseThrow()) + ")";
            case DISTINCT_COUNT -> "count(DISTINCT " + argument + ")";
            case MIN -> "min(" + argument + ")";
            case MAX -> "max(" + argument + ")";
            case SUM -> "sum(" + argument + ")";
            case AVG -> "avg(" + argument + ")";
        };
    }

    @Override
    String argMax(String value, String by, Optional<String> condition) {
        return "arg_max(" + value + ", " + by + ")"
                + condition.map(c -> " FILTER (WHERE " + c + ")").orElse("");
    }

    @Override
    String toNumber(String operand) {
        return "TRY_CAST(" + operand + " AS DOUBLE)";
    }

    /** Properties are read with json_extract_string, which is text already. */
    @Override
    String toText(String operand) {
        return operand;
    }

    @Override
    String hasPersonProfile() {
        return "\"events\".\"person_id\" IS NOT NULL";
    }

    @Override
    String dateDiffDays(String from, String to) {
        return "date_diff('day', " + from + ", " + to + ")";
    }

    @Override
    String startOfWeek(String timestamp) {
        // DuckDB's ISO weeks start on Monday, the convention every dialect pins.
        return "date_trunc('week', " + timestamp + ")";
    }

    @Override
    String previousOrZero(String argument, String over) {
        return "lag(" + argument + ", 1, 0) " + over;
    }

    @Override
    String windowFrame() {
        return "";
    }
}
