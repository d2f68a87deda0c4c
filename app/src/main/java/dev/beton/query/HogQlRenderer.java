package dev.beton.query;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * PostHog's HogQL (reference: posthog-api.md §4). Properties use dot access ({@code
 * properties.$current_url}, {@code group_2.properties.plan}) or the bracket form for names that
 * are not one identifier; groups and persons are HogQL's lazy joins. Every value is a {@code
 * {placeholder}} sent in {@code values}; timestamps travel as ISO-8601 UTC strings wrapped in
 * {@code toDateTime(...)}.
 */
final class HogQlRenderer extends SqlRenderer {

    @Override
    Dialect dialect() {
        return Dialect.HOGQL;
    }

    @Override
    String identifier(String name) {
        return name;
    }

    @Override
    String eventsTable(Query query) {
        return "events";
    }

    @Override
    List<String> implicitJoins(Query query) {
        return List.of();
    }

    @Override
    String parameter(Expr.Param param, ParameterBinder binder) {
        binder.use(param.name(), param.value(), hogqlValue(param.value()), false);
        return "{" + param.name() + "}";
    }

    @Override
    String timestampParameter(String name, Instant value, ParameterBinder binder) {
        binder.use(name, value, hogqlValue(value), false);
        return "toDateTime({" + name + "})";
    }

    private static Object hogqlValue(Object value) {
        return value instanceof Instant instant ? DateTimeFormatter.ISO_INSTANT.format(instant) : value;
    }

    @Override
    String eventProperty(Expr.EventProperty property) {
        String access = "properties";
        for (PropertyName name : property.path()) {
            access = access(access, name);
        }
        return access;
    }

    /** PropertyName has no quote or backslash, so the string literals cannot be broken. */
    @Override
    String hasProperty(Expr.EventProperty property) {
        return "JSONHas(properties, "
                + property.path().stream().map(n -> "'" + n.value() + "'").collect(Collectors.joining(", "))
                + ")";
    }

    @Override
    String personProperty(Expr.PersonProperty property) {
        return access("person.properties", property.name());
    }

    @Override
    String groupProperty(Expr.GroupProperty property) {
        return access("group_" + property.groupIndex() + ".properties", property.name());
    }

    /** PropertyName has no quote or backslash, so the bracket form's string literal cannot be broken. */
    private static String access(String prefix, PropertyName name) {
        return Identifiers.isSimpleProperty(name) ? prefix + "." + name.value() : prefix + "['" + name.value() + "']";
    }

    @Override
    String groupKey(Expr.GroupKey key) {
        return "$group_" + key.groupIndex();
    }

    @Override
    String aggregate(Expr.Aggregate aggregate, Function<Expr, String> render) {
        String argument = aggregate.argument().map(render).orElse("");
        return switch (aggregate.function()) {
            case COUNT -> "count()";
            case COUNT_IF -> "countIf(" + render.apply(aggregate.condition().orElseThrow()) + ")";
            case DISTINCT_COUNT -> "uniq(" + argument + ")";
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

    /**
     * {@code toFloat} of text: a property PostHog defines as Numeric is a Float already, and
     * PostHog before 1.43-era HogQL maps {@code toFloat} to ClickHouse's {@code toFloat64OrNull},
     * which refuses anything but a String. {@code toString} first is right under every typing.
     */
    @Override
    String toNumber(String operand) {
        return "toFloat(toString(" + operand + "))";
    }

    @Override
    String toText(String operand) {
        return "toString(" + operand + ")";
    }

    /**
     * PostHog gives personless events a person id too, so {@code person_id IS NOT NULL} filters
     * nothing there; the event property says whether a profile was processed. {@code toString}
     * because the property is auto-typed Boolean.
     */
    @Override
    String hasPersonProfile() {
        return "coalesce(toString(properties.$process_person_profile), '') != 'false'";
    }

    /**
     * PostHog shows {@code timestamp} in the project's time zone, so a bare {@code dateDiff} counts
     * that zone's midnights. Days and weeks are UTC in Beton on every source (DuckDB stores UTC):
     * both ends are moved to UTC first.
     */
    @Override
    String dateDiffDays(String from, String to) {
        return "dateDiff('day', " + utc(from) + ", " + utc(to) + ")";
    }

    @Override
    String startOfWeek(String timestamp) {
        // Mode 1 = weeks start on Monday, as in DuckDB; HogQL's default (mode 0) is Sunday.
        return "toStartOfWeek(" + utc(timestamp) + ", 1)";
    }

    private static String utc(String timestamp) {
        return "toTimeZone(" + timestamp + ", 'UTC')";
    }

    @Override
    String previousOrZero(String argument, String over) {
        // One argument only: older HogQL versions accept no offset or default. Over the whole
        // partition, the first row gets the type's default, 0 for the numbers this is meant for.
        return "lagInFrame(" + argument + ") " + over;
    }

    @Override
    String windowFrame() {
        // ClickHouse's lagInFrame only sees the frame; the default frame ends at the current row.
        return "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING";
    }
}
