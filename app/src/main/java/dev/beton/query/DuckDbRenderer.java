package dev.beton.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * DuckDB over the warehouse schema ({@code warehouse/V1__events.sql}). Properties are JSON read
 * with {@code json_extract_string}; persons and groups are joined explicitly where a query reads
 * their properties, under the names HogQL gives its lazy joins ({@code person}, {@code group_N}),
 * each projected to the properties the query reads.
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
        // The joined tables are projected to the properties the query reads, extracted once per
        // person or group: extracting them after the join would parse the same JSON once per event
        // (millions of times for a 30-day window over thousands of accounts).
        List<String> joins = new ArrayList<>();
        List<PropertyName> personNames = ExpressionScan.nodes(query)
                .filter(Expr.PersonProperty.class::isInstance)
                .map(e -> ((Expr.PersonProperty) e).name())
                .distinct()
                .sorted(Comparator.comparing(PropertyName::value))
                .toList();
        if (!personNames.isEmpty()) {
            joins.add("LEFT JOIN (SELECT \"id\", " + extracted(personNames) + " FROM \"persons\") AS \"person\""
                    + " ON \"person\".\"id\" = \"events\".\"person_id\"");
        }
        Map<Integer, List<PropertyName>> groupNames = ExpressionScan.nodes(query)
                .filter(Expr.GroupProperty.class::isInstance)
                .map(Expr.GroupProperty.class::cast)
                .distinct()
                .collect(Collectors.groupingBy(
                        Expr.GroupProperty::groupIndex,
                        TreeMap::new,
                        Collectors.mapping(
                                Expr.GroupProperty::name,
                                Collectors.collectingAndThen(Collectors.toList(), names -> names.stream()
                                        .sorted(Comparator.comparing(PropertyName::value))
                                        .toList()))));
        groupNames.forEach((index, names) -> joins.add("LEFT JOIN (SELECT \"group_key\", " + extracted(names)
                + " FROM \"groups\" WHERE \"group_type_index\" = " + index + ") AS \"group_" + index + "\" ON \"group_"
                + index + "\".\"group_key\" = \"events\".\"$group_" + index + "\""));
        return joins;
    }

    private static String extracted(List<PropertyName> names) {
        return names.stream()
                .map(name -> json(null, List.of(name)) + " AS " + extractedColumn(name))
                .collect(Collectors.joining(", "));
    }

    /**
     * The column a joined person or group property is extracted into: hex of the name, because
     * DuckDB compares identifiers case-insensitively and property names are case-sensitive.
     */
    private static String extractedColumn(PropertyName name) {
        return "\"p_" + HexFormat.of().formatHex(name.value().getBytes(StandardCharsets.UTF_8)) + '"';
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
        return "\"person\"." + extractedColumn(property.name());
    }

    @Override
    String groupProperty(Expr.GroupProperty property) {
        return "\"group_" + property.groupIndex() + "\"." + extractedColumn(property.name());
    }

    /** Each name is quoted inside the JSON path so that dots and dollars in it are literal. */
    private static String json(String source, List<PropertyName> path) {
        String jsonPath = path.stream().map(name -> ".\"" + name.value() + '"').collect(Collectors.joining());
        String column = source == null ? "\"properties\"" : "\"" + source + "\".\"properties\"";
        return "json_extract_string(" + column + ", '$" + jsonPath + "')";
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
