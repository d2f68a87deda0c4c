package dev.beton.emulator.attio;

import dev.beton.emulator.attio.Schema.Attribute;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Write shapes of the self-contained attribute types (text, number, checkbox, currency, date,
 * timestamp, domain, e-mail address, personal name) turned into their read shapes.
 */
final class ScalarValues {

    private static final List<String> TWO_LEVEL_SUFFIXES =
            List.of("co.uk", "org.uk", "ac.uk", "com.au", "co.nz", "co.jp", "com.br", "co.za", "com.mx");

    private ScalarValues() {}

    /** @throws AttioProblem 400 for a value of the wrong shape or a type not emulated */
    static Map<String, Object> read(Attribute attribute, JsonNode item) {
        return switch (attribute.type()) {
            case "text" -> single("value", text(attribute, unwrap(item, "value")));
            case "number" -> single("value", number(attribute, unwrap(item, "value")));
            case "checkbox" -> single("value", checkbox(attribute, unwrap(item, "value")));
            case "currency" -> currency(attribute, item);
            case "date" -> single("value", date(attribute, unwrap(item, "value")));
            case "timestamp" -> single("value", Timestamps.format(instant(attribute, unwrap(item, "value"))));
            case "domain" -> domain(attribute, unwrap(item, "domain"));
            case "email-address" -> email(attribute, unwrap(item, "email_address"));
            case "personal-name" -> name(attribute, item);
            default ->
                throw AttioProblem.invalid(
                        "validation_type", "Writing attributes of type " + attribute.type() + " is not supported.");
        };
    }

    static JsonNode unwrap(JsonNode item, String field) {
        return item.isObject() && item.has(field) ? item.get(field) : item;
    }

    static Map<String, Object> single(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    static String text(Attribute a, JsonNode node) {
        if (!node.isString()) {
            throw typeError(a, "a string", node);
        }
        return node.asString();
    }

    private static double number(Attribute a, JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(text(a, node));
        } catch (NumberFormatException e) {
            throw typeError(a, "a number", node);
        }
    }

    private static boolean checkbox(Attribute a, JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        String text = node.isString() ? node.asString() : "";
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw typeError(a, "a boolean", node);
    }

    /** The currency code is set per attribute, never per record. */
    private static Map<String, Object> currency(Attribute a, JsonNode item) {
        Map<String, Object> value = single("currency_value", number(a, unwrap(item, "currency_value")));
        value.put("currency_code", "USD");
        return value;
    }

    /** Longer strings are trimmed to the date. */
    private static String date(Attribute a, JsonNode node) {
        String text = text(a, node);
        String date = text.length() >= 10 ? text.substring(0, 10) : text;
        try {
            return LocalDate.parse(date).toString();
        } catch (DateTimeParseException e) {
            throw typeError(a, "a date (YYYY-MM-DD)", node);
        }
    }

    /** Timestamps without an offset are taken as UTC. */
    static Instant instant(Attribute a, JsonNode node) {
        String text = text(a, node);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw typeError(a, "an ISO 8601 timestamp", node);
                }
            }
        }
    }

    private static Map<String, Object> domain(Attribute a, JsonNode node) {
        String domain = text(a, node).trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
        domain = domain.replaceFirst("[/?#:].*$", "").replaceFirst("^www\\.", "");
        if (!domain.contains(".")) {
            throw typeError(a, "a domain", node);
        }
        Map<String, Object> value = single("domain", domain);
        value.put("root_domain", rootDomain(domain));
        return value;
    }

    static String rootDomain(String domain) {
        String[] labels = domain.split("\\.");
        int keep = TWO_LEVEL_SUFFIXES.stream().anyMatch(s -> domain.endsWith("." + s)) ? 3 : 2;
        int from = Math.max(0, labels.length - keep);
        return String.join(".", java.util.Arrays.copyOfRange(labels, from, labels.length));
    }

    private static Map<String, Object> email(Attribute a, JsonNode node) {
        String original = text(a, node).trim();
        int at = original.indexOf('@');
        if (at <= 0 || at != original.lastIndexOf('@') || at == original.length() - 1) {
            throw typeError(a, "an e-mail address", node);
        }
        String normalized = original.toLowerCase(Locale.ROOT);
        String domain = normalized.substring(at + 1);
        Map<String, Object> value = single("original_email_address", original);
        value.put("email_address", normalized);
        value.put("email_domain", domain);
        value.put("email_root_domain", rootDomain(domain));
        value.put("email_local_specifier", normalized.substring(0, at));
        return value;
    }

    private static Map<String, Object> name(Attribute a, JsonNode item) {
        String first;
        String last;
        if (item.isObject()) {
            first = item.path("first_name").asString("");
            last = item.path("last_name").asString("");
            if (first.isEmpty() && last.isEmpty() && item.path("full_name").isString()) {
                return name(a, item.get("full_name"));
            }
        } else {
            String full = text(a, item).trim();
            int space = full.lastIndexOf(' ');
            first = space < 0 ? full : full.substring(0, space);
            last = space < 0 ? "" : full.substring(space + 1);
        }
        Map<String, Object> value = single("first_name", first);
        value.put("last_name", last);
        value.put("full_name", (first + " " + last).trim());
        return value;
    }

    private static AttioProblem typeError(Attribute a, String expected, JsonNode got) {
        return AttioProblem.invalid(
                "validation_type",
                "Invalid value for attribute \"" + a.slug() + "\": expected " + expected + ", got " + got + ".");
    }
}
