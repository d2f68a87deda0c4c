package dev.beton.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * ClickHouse over a PostHog-style schema ({@link ClickHouseSchema}). The events table is read
 * through a subquery that renames the mapped columns to the query model's names ({@code event},
 * {@code distinct_id}, {@code timestamp}, {@code properties}, {@code person_id}) and computes the
 * account key from the link property as {@code $group_N}; persons and accounts are joined into it,
 * one join per subquery level, only when the query reads their properties. Properties are JSON text
 * read with the functions the server has ({@link ClickHouseDialect}). Values are {@code
 * {name:Type}} placeholders; the runner binds them.
 */
final class ClickHouseRenderer extends SqlRenderer {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ClickHouseDialect dialect;
    private final ClickHouseSchema schema;

    ClickHouseRenderer(ClickHouseDialect dialect) {
        this.dialect = dialect;
        this.schema = dialect.schema();
    }

    @Override
    Dialect dialect() {
        return Dialect.CLICKHOUSE;
    }

    @Override
    String identifier(String name) {
        return '`' + name + '`';
    }

    @Override
    boolean inlinesCtes() {
        return true;
    }

    @Override
    void requireWindowFunctions() {
        if (!dialect.windowFunctions()) {
            throw new UnsupportedOperationException("ClickHouse " + dialect.serverVersion()
                    + " has no window functions (they came with 21.9); this query cannot run there");
        }
    }

    @Override
    String eventsTable(Query query) {
        boolean persons = ExpressionScan.nodes(query).anyMatch(Expr.PersonProperty.class::isInstance);
        boolean accounts =
                ExpressionScan.nodes(query).anyMatch(e -> e instanceof Expr.GroupProperty p && account(p.groupIndex()));
        String table = mappedEvents();
        if (persons) {
            table = "SELECT * FROM (" + table + ") AS `e` ANY LEFT JOIN (SELECT " + identifier(schema.personId())
                    + " AS `person__id`, " + identifier(schema.personProperties()) + " AS `person__properties` FROM "
                    + identifier(schema.personsTable()) + ") AS `p` ON `e`.`person_id` = `p`.`person__id`";
        }
        if (accounts) {
            String prefix = "group_" + schema.accountGroupIndex() + "__";
            String columns = schema.accountColumns().stream()
                    .map(c -> ", " + identifier(c) + " AS " + identifier(prefix + c))
                    .collect(Collectors.joining());
            table = "SELECT * FROM (" + table + ") AS `e` ANY LEFT JOIN (SELECT " + identifier(schema.accountKey())
                    + " AS " + identifier(prefix + "key") + ", " + identifier(schema.accountProperties()) + " AS "
                    + identifier(prefix + "properties") + columns + " FROM " + identifier(schema.accountsTable())
                    + ") AS `a` ON `e`." + identifier(groupColumn()) + " = `a`." + identifier(prefix + "key");
        }
        return "(" + table + ") AS `events`";
    }

    /** The events table under the query model's column names, with the account key as {@code $group_N}. */
    private String mappedEvents() {
        String personId = schema.eventPersonId().isEmpty()
                ? "`pdi`.`pdi__person_id`"
                : "`ev`." + identifier(schema.eventPersonId());
        String select = "SELECT `ev`." + identifier(schema.eventName()) + " AS `event`, `ev`."
                + identifier(schema.eventDistinctId()) + " AS `distinct_id`, `ev`."
                + identifier(schema.eventTimestamp()) + " AS `timestamp`, `ev`."
                + identifier(schema.eventProperties()) + " AS `properties`, " + personId + " AS `person_id`, "
                + json("`ev`." + identifier(schema.eventProperties()), List.of(schema.accountLinkProperty()))
                + " AS " + identifier(groupColumn()) + " FROM " + identifier(schema.eventsTable()) + " AS `ev`";
        if (schema.eventPersonId().isEmpty()) {
            select += " ANY LEFT JOIN (SELECT " + identifier(schema.distinctIdColumn()) + " AS `pdi__distinct_id`, "
                    + identifier(schema.distinctIdPersonId()) + " AS `pdi__person_id` FROM "
                    + identifier(schema.personDistinctIdTable()) + ") AS `pdi` ON `ev`."
                    + identifier(schema.eventDistinctId()) + " = `pdi`.`pdi__distinct_id`";
        }
        return select;
    }

    private String groupColumn() {
        return "$group_" + schema.accountGroupIndex();
    }

    private boolean account(int groupIndex) {
        if (groupIndex != schema.accountGroupIndex()) {
            throw new IllegalArgumentException("The ClickHouse schema maps accounts to group type index "
                    + schema.accountGroupIndex() + ", not " + groupIndex);
        }
        return true;
    }

    /** Joins go into the events subquery (see {@link #eventsTable}), never beside it. */
    @Override
    List<String> implicitJoins(Query query) {
        return List.of();
    }

    @Override
    String parameter(Expr.Param param, ParameterBinder binder) {
        Object value = param.value() instanceof Instant instant ? SECONDS.format(instant) : param.value();
        binder.use(param.name(), param.value(), value, false);
        return param.value() instanceof Instant
                ? "toDateTime({" + param.name() + ":String}, 'UTC')"
                : "{" + param.name() + ":" + type(param.value()) + "}";
    }

    private static String type(Object value) {
        return switch (value) {
            case String s -> "String";
            case Long l -> "Int64";
            case Integer i -> "Int64";
            case Double d -> "Float64";
            case Boolean b -> "UInt8";
            default -> throw new IllegalArgumentException("No ClickHouse type for " + value.getClass());
        };
    }

    /** Whole seconds: the PostHog-style schema's timestamps are {@code DateTime}. */
    @Override
    String timestampParameter(String name, Instant value, ParameterBinder binder) {
        binder.use(name, value, SECONDS.format(value), false);
        return "toDateTime({" + name + ":String}, 'UTC')";
    }

    @Override
    String eventProperty(Expr.EventProperty property) {
        return json("`events`.`properties`", property.path());
    }

    @Override
    String hasProperty(Expr.EventProperty property) {
        List<PropertyName> path = property.path();
        if (dialect.jsonFunctions()) {
            return "JSONHas(`events`.`properties`, " + keys(path) + ")";
        }
        return "visitParamHas(" + parent("`events`.`properties`", path) + ", " + key(path.getLast()) + ")";
    }

    @Override
    String personProperty(Expr.PersonProperty property) {
        return json("`events`.`person__properties`", List.of(property.name()));
    }

    @Override
    String groupProperty(Expr.GroupProperty property) {
        account(property.groupIndex());
        String prefix = "`events`.`group_" + property.groupIndex() + "__";
        if (schema.accountColumns().contains(property.name().value())) {
            return "nullIf(toString(" + prefix + property.name().value() + "`), '')";
        }
        return json(prefix + "properties`", List.of(property.name()));
    }

    /**
     * The property as text: a JSON string's value, any other JSON value's literal text, NULL when
     * the key is absent or null (as DuckDB's {@code json_extract_string} answers).
     */
    private String json(String source, List<PropertyName> path) {
        if (dialect.jsonFunctions()) {
            String at = source + ", " + keys(path);
            return "if(JSONHas(" + at + "), if(JSONType(" + at + ") = 'String', JSONExtractString(" + at
                    + "), nullIf(JSONExtractRaw(" + at + "), 'null')), NULL)";
        }
        String object = parent(source, path) + ", " + key(path.getLast());
        return "if(visitParamHas(" + object + "), if(substring(visitParamExtractRaw(" + object
                + "), 1, 1) = '\"', visitParamExtractString(" + object + "), nullIf(visitParamExtractRaw(" + object
                + "), 'null')), NULL)";
    }

    /** The simple JSON functions have no paths: each enclosing object is extracted as raw text first. */
    private static String parent(String source, List<PropertyName> path) {
        String object = source;
        for (PropertyName name : path.subList(0, path.size() - 1)) {
            object = "visitParamExtractRaw(" + object + ", " + key(name) + ")";
        }
        return object;
    }

    private static String keys(List<PropertyName> path) {
        return path.stream().map(ClickHouseRenderer::key).collect(Collectors.joining(", "));
    }

    /** PropertyName has no quote or backslash, so the string literal cannot be broken. */
    private static String key(PropertyName name) {
        return "'" + name.value() + "'";
    }

    @Override
    String groupKey(Expr.GroupKey key) {
        account(key.groupIndex());
        return "`events`." + identifier(groupColumn());
    }

    @Override
    String aggregate(Expr.Aggregate aggregate, Function<Expr, String> render) {
        String argument = aggregate.argument().map(render).orElse("");
        return switch (aggregate.function()) {
            case COUNT -> "count()";
            case COUNT_IF -> "countIf(" + render.apply(aggregate.condition().orElseThrow()) + ")";
            // Exact, and 0 rather than 18.16's NULL when every value is NULL (as COUNT(DISTINCT) is).
            case DISTINCT_COUNT -> "ifNull(uniqExact(" + argument + "), 0)";
            case MIN -> "min(" + argument + ")";
            case MAX -> "max(" + argument + ")";
            case SUM -> "sum(" + argument + ")";
            case AVG -> "avg(" + argument + ")";
        };
    }

    @Override
    String argMax(String value, String by, Optional<String> condition) {
        return condition
                .map(c -> "argMaxIf(" + value + ", " + by + ", " + c + ")")
                .orElse("argMax(" + value + ", " + by + ")");
    }

    @Override
    String toNumber(String operand) {
        return "toFloat64OrNull(toString(" + operand + "))";
    }

    /** Properties are read as text already. */
    @Override
    String toText(String operand) {
        return operand;
    }

    @Override
    String hasPersonProfile() {
        return "coalesce(`events`.`person_id`, '') != ''";
    }

    @Override
    String dateDiffDays(String from, String to) {
        return "dateDiff('day', toTimeZone(" + from + ", 'UTC'), toTimeZone(" + to + ", 'UTC'))";
    }

    /** toMonday exists in every version; toStartOfWeek came later. */
    @Override
    String startOfWeek(String timestamp) {
        return "toMonday(toTimeZone(" + timestamp + ", 'UTC'))";
    }

    @Override
    String previousOrZero(String argument, String over) {
        return "lagInFrame(" + argument + ") " + over;
    }

    @Override
    String windowFrame() {
        return "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING";
    }
}
