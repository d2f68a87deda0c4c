package dev.beton.emulator.attio;

import java.util.Locale;
import java.util.Map;

/**
 * What a stored value object "is" for comparisons: uniqueness, de-duplication, shorthand filters
 * and sorting all compare this key.
 */
final class ValueKeys {

    private ValueKeys() {}

    /** The primary field of a value object, e.g. the domain of a domain value. */
    static Object identity(Map<String, Object> value) {
        String type = (String) value.get("attribute_type");
        return switch (type) {
            case "domain" -> value.get("domain");
            case "email-address" -> value.get("email_address");
            case "personal-name" -> value.get("full_name");
            case "record-reference" -> value.get("target_record_id");
            case "actor-reference" -> value.get("referenced_actor_id");
            case "currency" -> value.get("currency_value");
            case "status" -> ((Map<?, ?>) value.get("status")).get("title");
            case "select" -> ((Map<?, ?>) value.get("option")).get("title");
            default -> value.get("value");
        };
    }

    /** A named field of a value object, for verbose filters such as {@code domains.root_domain}. */
    static Object field(Map<String, Object> value, String field) {
        return switch (field) {
            case "title" -> identity(value);
            default -> value.get(field);
        };
    }

    /** Keys compare case-insensitively for text-like values, as Attio's lookups do. */
    static String comparable(Object key) {
        return key == null ? "" : key.toString().toLowerCase(Locale.ROOT);
    }
}
