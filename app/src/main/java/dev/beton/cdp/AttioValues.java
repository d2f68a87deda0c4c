package dev.beton.cdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An Attio record value (always an array of value objects, keyed by attribute slug) as one plain
 * property value, by the value's {@code attribute_type}: what a PostHog property can hold.
 */
final class AttioValues {

    private AttioValues() {}

    /** The values of a slug as plain values (strings, numbers, booleans), in Attio's order. */
    static List<Object> all(JsonNode values, String slug) {
        List<Object> plain = new ArrayList<>();
        for (JsonNode v : values.path(slug).values()) {
            plain(v).ifPresent(plain::add);
        }
        return plain;
    }

    /** The first (current) value, or empty. */
    static Optional<Object> first(JsonNode values, String slug) {
        List<Object> all = all(values, slug);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    static Optional<String> firstText(JsonNode values, String slug) {
        return first(values, slug).map(String::valueOf).filter(s -> !s.isBlank());
    }

    private static Optional<Object> plain(JsonNode v) {
        String type = v.path("attribute_type").asString("");
        JsonNode picked =
                switch (type) {
                    case "currency" -> v.path("currency_value");
                    case "domain" -> v.path("domain");
                    case "email-address" -> v.path("email_address");
                    case "personal-name" -> v.path("full_name");
                    case "record-reference" -> v.path("target_record_id");
                    case "actor-reference" -> v.path("referenced_actor_id");
                    case "select" -> v.path("option").path("title");
                    case "status" -> v.path("status").path("title");
                    case "phone-number" -> v.path("phone_number");
                    case "location" -> location(v);
                    case "interaction" -> v.path("interacted_at");
                    default -> guess(v);
                };
        if (picked == null || picked.isMissingNode() || picked.isNull()) {
            return Optional.empty();
        }
        if (picked.isNumber()) {
            double d = picked.asDouble();
            return Optional.of(d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d);
        }
        if (picked.isBoolean()) {
            return Optional.of(picked.asBoolean());
        }
        String text = picked.asString("");
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    // Values whose attribute_type is missing or new: the usual fields, in the order Attio uses them.
    private static JsonNode guess(JsonNode v) {
        for (String field : List.of(
                "value",
                "domain",
                "email_address",
                "full_name",
                "currency_value",
                "target_record_id",
                "phone_number")) {
            if (v.has(field)) {
                return v.get(field);
            }
        }
        if (v.has("option")) {
            return v.path("option").path("title");
        }
        if (v.has("status")) {
            return v.path("status").path("title");
        }
        return null;
    }

    private static JsonNode location(JsonNode v) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("locality", "region", "country_code")) {
            String part = v.path(field).asString("");
            if (!part.isBlank()) {
                parts.add(part);
            }
        }
        return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(String.join(", ", parts));
    }
}
