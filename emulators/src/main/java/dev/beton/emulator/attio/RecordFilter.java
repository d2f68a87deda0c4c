package dev.beton.emulator.attio;

import dev.beton.emulator.Json;
import dev.beton.emulator.attio.RecordStore.StoredRecord;
import dev.beton.emulator.attio.Schema.AttioObject;
import dev.beton.emulator.attio.Schema.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Attio's query filter over stored records: shorthand equality ({@code {"name":"Acme"}}),
 * operators on an attribute or one of its fields ({@code {"domains":{"domain":{"$eq":…}}}}),
 * {@code $and}/{@code $or}/{@code $not}, {@code record_id} and record references. A value matches
 * when any of the attribute's current values does. Path drill-down is not supported and is
 * refused like a malformed filter.
 */
final class RecordFilter {

    private static final Set<String> OPERATORS =
            Set.of("$eq", "$in", "$not_empty", "$contains", "$starts_with", "$ends_with", "$lt", "$lte", "$gt", "$gte");

    private final Schema schema;
    private final AttioObject object;

    RecordFilter(Schema schema, AttioObject object) {
        this.schema = schema;
        this.object = object;
    }

    /** @throws AttioProblem 400 {@code filter_error} for anything malformed or unknown */
    Predicate<StoredRecord> parse(JsonNode filter) {
        if (filter.isMissingNode() || filter.isNull()) {
            return r -> true;
        }
        if (!filter.isObject()) {
            throw error("a filter must be an object");
        }
        Predicate<StoredRecord> all = r -> true;
        for (Map.Entry<String, JsonNode> entry : filter.properties()) {
            all = all.and(clause(entry.getKey(), entry.getValue()));
        }
        return all;
    }

    private Predicate<StoredRecord> clause(String key, JsonNode condition) {
        return switch (key) {
            case "$and" -> list(condition).stream().reduce(r -> true, Predicate::and);
            case "$or" -> list(condition).stream().reduce(r -> false, Predicate::or);
            case "$not" -> parse(condition).negate();
            case "path", "constraints" -> throw error("path filters are not supported by the emulator");
            case "record_id" -> r -> matches(r.id.toString(), condition);
            default -> attribute(key, condition);
        };
    }

    private List<Predicate<StoredRecord>> list(JsonNode node) {
        if (!node.isArray()) {
            throw error("$and/$or take an array of filters");
        }
        List<Predicate<StoredRecord>> parts = new ArrayList<>();
        node.values().forEach(n -> parts.add(parse(n)));
        return parts;
    }

    private Predicate<StoredRecord> attribute(String slugOrId, JsonNode condition) {
        Attribute attribute =
                schema.attribute(object, slugOrId).orElseThrow(() -> error("unknown attribute \"" + slugOrId + "\""));
        String slug = attribute.slug();
        if (condition.isObject() && condition.has("$not_empty")) {
            boolean wanted = condition.get("$not_empty").asBoolean();
            return r -> !r.values.getOrDefault(slug, List.of()).isEmpty() == wanted;
        }
        Predicate<Map<String, Object>> onValue = valueCondition(condition);
        return r -> r.values.getOrDefault(slug, List.of()).stream().anyMatch(onValue);
    }

    private Predicate<Map<String, Object>> valueCondition(JsonNode condition) {
        if (!condition.isObject() || isOperators(condition)) {
            return value -> matches(ValueKeys.identity(value), condition);
        }
        if (condition.has("target_record_id")) {
            String target = condition.get("target_record_id").asString();
            return value -> target.equals(value.get("target_record_id"));
        }
        Predicate<Map<String, Object>> all = value -> true;
        for (Map.Entry<String, JsonNode> field : condition.properties()) {
            String name = field.getKey();
            JsonNode fieldCondition = field.getValue();
            all = all.and(value -> matches(ValueKeys.field(value, name), fieldCondition));
        }
        return all;
    }

    private static boolean isOperators(JsonNode condition) {
        if (condition.isEmpty()) {
            return false;
        }
        for (String name : condition.propertyNames()) {
            if (!name.startsWith("$")) {
                return false;
            }
            if (!OPERATORS.contains(name)) {
                throw error("unknown operator " + name);
            }
        }
        return true;
    }

    /** A literal means $eq; an operator object applies every operator. */
    private static boolean matches(Object actual, JsonNode condition) {
        if (!condition.isObject()) {
            return equal(actual, Json.toPlain(condition));
        }
        if (!isOperators(condition)) {
            throw error("expected operators such as $eq, got " + condition);
        }
        for (Map.Entry<String, JsonNode> op : condition.properties()) {
            if (!operator(op.getKey(), actual, op.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean operator(String name, Object actual, JsonNode operand) {
        String text = ValueKeys.comparable(actual);
        String wanted = ValueKeys.comparable(Json.toPlain(operand));
        return switch (name) {
            case "$eq" -> equal(actual, Json.toPlain(operand));
            case "$in" -> operand.isArray() && operand.values().stream().anyMatch(o -> equal(actual, Json.toPlain(o)));
            case "$not_empty" -> (actual != null && !text.isEmpty()) == operand.asBoolean();
            case "$contains" -> text.contains(wanted);
            case "$starts_with" -> text.startsWith(wanted);
            case "$ends_with" -> text.endsWith(wanted);
            case "$lt" -> actual != null && Ordering.compare(actual, Json.toPlain(operand)) < 0;
            case "$lte" -> actual != null && Ordering.compare(actual, Json.toPlain(operand)) <= 0;
            case "$gt" -> actual != null && Ordering.compare(actual, Json.toPlain(operand)) > 0;
            case "$gte" -> actual != null && Ordering.compare(actual, Json.toPlain(operand)) >= 0;
            default -> throw error("unknown operator " + name);
        };
    }

    private static boolean equal(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number e) {
            return a.doubleValue() == e.doubleValue();
        }
        return actual != null && ValueKeys.comparable(actual).equals(ValueKeys.comparable(expected));
    }

    private static AttioProblem error(String why) {
        return AttioProblem.invalid("filter_error", "Error in filter: " + why + ".");
    }
}
