package dev.beton.emulator.attio;

import dev.beton.emulator.attio.Schema.Attribute;
import dev.beton.emulator.attio.Schema.Option;
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
            case "status" -> option(attribute, ScalarValues.unwrap(item, "status"), "status");
            case "select" -> option(attribute, ScalarValues.unwrap(item, "option"), "option");
            case "actor-reference" -> actor(attribute, item);
            case "record-reference" -> reference(attribute, item);
            default -> ScalarValues.read(attribute, item);
        };
    }

    /** Options are never created by a write; an unknown title is a 400. */
    private Map<String, Object> option(Attribute a, JsonNode node, String key) {
        String wanted = ScalarValues.text(a, node);
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
        return ScalarValues.single(key, body);
    }

    private Map<String, Object> actor(Attribute a, JsonNode item) {
        if (item.isObject() && item.path("referenced_actor_id").isString()) {
            Map<String, Object> value = ScalarValues.single(
                    "referenced_actor_type", item.path("referenced_actor_type").asString("workspace-member"));
            value.put("referenced_actor_id", item.get("referenced_actor_id").asString());
            return value;
        }
        String email = ScalarValues.text(a, ScalarValues.unwrap(item, "workspace_member_email_address"));
        UUID member = lookup.member(email.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> AttioProblem.invalid(
                        "value_not_found", "No workspace member found with email address \"" + email + "\"."));
        Map<String, Object> value = ScalarValues.single("referenced_actor_type", "workspace-member");
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
        Map<String, Object> value = ScalarValues.single("target_object", target);
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
}
