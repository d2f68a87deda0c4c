package dev.beton.emulator.attio;

import dev.beton.emulator.attio.Schema.Attribute;
import dev.beton.emulator.attio.Schema.Option;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Turns the write shapes Attio accepts (bare values, shorthand strings, objects) into the value
 * objects it reads back, without the metadata ({@code active_from}, actor) the store adds.
 */
final class ValueWriter {

    /** Record lookups a write needs: references must point at existing records. */
    interface Lookup {
        boolean exists(String objectSlug, UUID recordId);

        /** A record of {@code objectSlug} whose unique attribute holds {@code key}. */
        Optional<UUID> findByUnique(String objectSlug, String attributeSlug, String key);

        /** A workspace member by e-mail address. */
        Optional<UUID> member(String email);
    }

    private static final List<String> TWO_LEVEL_SUFFIXES =
            List.of("co.uk", "org.uk", "ac.uk", "com.au", "co.nz", "co.jp", "com.br", "co.za", "com.mx");

    private final Schema schema;
    private final Lookup lookup;

    ValueWriter(Schema schema, Lookup lookup) {
        this.schema = schema;
        this.lookup = lookup;
    }

    /**
     * @param input a single value or an array of values; null or [] clears the attribute
     * @throws AttioProblem when the input is not a valid value for the attribute
     */
    List<Map<String, Object>> read(Attribute attribute, JsonNode input) {
        List<JsonNode> items = new ArrayList<>();
        if (input.isArray()) {
            input.values().forEach(items::add);
        } else if (!input.isNull()) {
            items.add(input);
        }
        if (!attribute.multiselect() && items.size() > 1) {
            throw AttioProblem.invalid(
                    "validation_type",
                    "Attribute \"" + attribute.slug() + "\" is single-select but " + items.size()
                            + " values were given.");
        }
        List<Map<String, Object>> values = new ArrayList<>();
        for (JsonNode item : items) {
            Map<String, Object> value = one(attribute, item);
            value.put("attribute_type", attribute.type());
            values.add(value);
        }
        return values;
    }

    private Map<String, Object> one(Attribute attribute, JsonNode item) {
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
            case "status" -> option(attribute, unwrap(item, "status"), "status");
            case "select" -> option(attribute, unwrap(item, "option"), "option");
            case "actor-reference" -> actor(attribute, item);
            case "record-reference" -> reference(attribute, item);
            default ->
                throw AttioProblem.invalid(
                        "validation_type", "Writing attributes of type " + attribute.type() + " is not supported.");
        };
    }

    private static JsonNode unwrap(JsonNode item, String field) {
        return item.isObject() && item.has(field) ? item.get(field) : item;
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private static String text(Attribute a, JsonNode node) {
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

    /** Options are never created by a write; an unknown title is a 400. */
    private Map<String, Object> option(Attribute a, JsonNode node, String key) {
        String wanted = text(a, node);
        Option option = a.option(wanted)
                .orElseThrow(() -> AttioProblem.invalid(
                        "value_not_found",
                        "Unable to find " + key + " \"" + wanted + "\" for attribute \"" + a.slug() + "\"."));
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("workspace_id", schema.workspaceId.toString());
        id.put("object_id", a.objectId().toString());
        id.put("attribute_id", a.id().toString());
        id.put(key + "_id", option.id().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("title", option.title());
        body.put("is_archived", false);
        if (key.equals("status")) {
            body.put("celebration_enabled", option.celebration());
            body.put("target_time_in_status", null);
        }
        return single(key, body);
    }

    private Map<String, Object> actor(Attribute a, JsonNode item) {
        if (item.isObject() && item.path("referenced_actor_id").isString()) {
            Map<String, Object> value = single(
                    "referenced_actor_type", item.path("referenced_actor_type").asString("workspace-member"));
            value.put("referenced_actor_id", item.get("referenced_actor_id").asString());
            return value;
        }
        String email = text(a, unwrap(item, "workspace_member_email_address"));
        UUID member = lookup.member(email.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> AttioProblem.invalid(
                        "value_not_found", "No workspace member found with email address \"" + email + "\"."));
        Map<String, Object> value = single("referenced_actor_type", "workspace-member");
        value.put("referenced_actor_id", member.toString());
        return value;
    }

    private Map<String, Object> reference(Attribute a, JsonNode item) {
        String target = item.path("target_object").asString(a.allowedObjects().getFirst());
        if (!a.allowedObjects().contains(target)
                && schema.object(target)
                        .map(o -> a.allowedObjects().contains(o.slug()))
                        .orElse(false)) {
            target = schema.object(target).orElseThrow().slug();
        }
        if (!a.allowedObjects().contains(target)) {
            throw AttioProblem.invalid(
                    "validation_type", "Attribute \"" + a.slug() + "\" cannot reference " + target + ".");
        }
        UUID recordId = item.isObject() && item.has("target_record_id")
                ? existing(target, item.get("target_record_id").asString())
                : byUniqueValue(a, target, item);
        Map<String, Object> value = single("target_object", target);
        value.put("target_record_id", recordId.toString());
        return value;
    }

    private UUID existing(String target, String idText) {
        try {
            UUID id = UUID.fromString(idText);
            if (lookup.exists(target, id)) {
                return id;
            }
        } catch (IllegalArgumentException notUuid) {
            // falls through to the same answer as a missing record
        }
        throw AttioProblem.invalid("value_not_found", "Record with ID \"" + idText + "\" not found in " + target + ".");
    }

    /** {@code "acme.com"} or {@code {"target_object":"companies","domains":[{"domain":"acme.com"}]}}. */
    private UUID byUniqueValue(Attribute a, String target, JsonNode item) {
        Schema.AttioObject object = schema.object(target).orElseThrow(() -> AttioProblem.objectNotFound(target));
        Attribute unique = schema.attributes(object).stream()
                .filter(Attribute::unique)
                .filter(u -> !item.isObject() || item.has(u.slug()))
                .findFirst()
                .orElseThrow(() -> AttioProblem.invalid(
                        "validation_type", "Cannot match a " + target + " record for attribute \"" + a.slug() + "\"."));
        JsonNode raw = item.isObject() ? item.get(unique.slug()) : item;
        List<Map<String, Object>> parsed = read(unique, raw);
        for (Map<String, Object> value : parsed) {
            String key = ValueKeys.comparable(ValueKeys.identity(value));
            Optional<UUID> found = lookup.findByUnique(target, unique.slug(), key);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw AttioProblem.invalid(
                "value_not_found", "No " + target + " record matches " + raw + " on \"" + unique.slug() + "\".");
    }

    private static AttioProblem typeError(Attribute a, String expected, JsonNode got) {
        return AttioProblem.invalid(
                "validation_type",
                "Invalid value for attribute \"" + a.slug() + "\": expected " + expected + ", got " + got + ".");
    }
}
