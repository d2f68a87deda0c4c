package dev.beton.bizevents;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a business event's properties against its schema, field by field, and builds the typed
 * record. Every problem is reported (not just the first), each naming its field, so a sender can
 * fix a payload in one round trip. Properties the schema does not know are allowed (PostHog SDKs
 * add their own {@code $lib}, {@code $ip}, …).
 */
final class BusinessEventValidator {

    /** @param field the property, e.g. {@code bounce_rate} */
    record FieldError(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    /** Either a typed event (no errors) or the errors. */
    record Result(BusinessEventType type, BusinessEvent event, List<FieldError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    // snake_case properties onto camelCase record components; unknown properties ignored
    private static final JsonMapper RECORDS = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private BusinessEventValidator() {}

    static Result validate(BusinessEventType type, JsonNode properties) {
        List<FieldError> errors = new ArrayList<>();
        if (properties == null || !properties.isObject()) {
            errors.add(new FieldError("properties", "must be an object"));
            return new Result(type, null, errors);
        }
        ObjectNode known = JsonNodeFactory.instance.objectNode();
        for (FieldSpec field : type.fields()) {
            JsonNode value = properties.get(field.name());
            if (value == null || value.isNull()) {
                if (field.required()) {
                    errors.add(new FieldError(field.name(), "is required"));
                }
                continue;
            }
            String problem = check(field, value);
            if (problem != null) {
                errors.add(new FieldError(field.name(), problem));
            } else {
                known.set(field.name(), value);
            }
        }
        if (!errors.isEmpty()) {
            return new Result(type, null, errors);
        }
        return new Result(type, RECORDS.treeToValue(known, type.recordType()), List.of());
    }

    private static String check(FieldSpec field, JsonNode value) {
        return switch (field.kind()) {
            case STRING -> value.isString() && !value.stringValue().isBlank() ? null : "must be a non-empty string";
            case BOOLEAN -> value.isBoolean() ? null : "must be true or false";
            case NUMBER -> value.isNumber() ? range(field, value.doubleValue()) : "must be a number";
            case INTEGER ->
                value.isIntegralNumber() || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()))
                        ? range(field, value.doubleValue())
                        : "must be a whole number";
            case ENUM ->
                value.isString() && field.values().contains(value.stringValue())
                        ? null
                        : "must be one of " + String.join(", ", field.values());
            case DATE_TIME -> value.isString() && isoInstant(value.stringValue()) ? null : dateProblem();
            case STRING_LIST -> stringList(value) ? null : "must be a list of strings";
        };
    }

    private static String dateProblem() {
        return "must be an ISO 8601 date-time with an offset, e.g. 2025-12-19T10:30:00Z";
    }

    private static String range(FieldSpec field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "must be a finite number";
        }
        if (field.min() != null && value < field.min()) {
            return field.max() == null
                    ? "must be at least " + plain(field.min())
                    : "must be between " + plain(field.min()) + " and " + plain(field.max());
        }
        if (field.max() != null && value > field.max()) {
            return "must be between " + plain(field.min()) + " and " + plain(field.max());
        }
        return null;
    }

    private static String plain(Double bound) {
        return bound == Math.rint(bound) ? String.valueOf(bound.longValue()) : String.valueOf(bound);
    }

    private static boolean isoInstant(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean stringList(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isString()) {
                return false;
            }
        }
        return true;
    }

    /** Errors as a {@code field → message} map, for problem details and the invalid-events page. */
    static Map<String, String> asMap(List<FieldError> errors) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        errors.forEach(e -> map.put(e.field(), e.message()));
        return map;
    }
}
