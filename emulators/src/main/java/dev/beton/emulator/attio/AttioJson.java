package dev.beton.emulator.attio;

import dev.beton.emulator.attio.RecordStore.StoredRecord;
import dev.beton.emulator.attio.Schema.AttioObject;
import dev.beton.emulator.attio.Schema.Attribute;
import dev.beton.emulator.attio.Schema.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Objects, attributes, statuses and records as Attio writes them. */
final class AttioJson {

    private final Schema schema;
    private final String workspaceSlug;

    AttioJson(Schema schema, String workspaceSlug) {
        this.schema = schema;
        this.workspaceSlug = workspaceSlug;
    }

    Map<String, Object> object(AttioObject o) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", Map.of("workspace_id", ws(), "object_id", o.id().toString()));
        body.put("api_slug", o.slug());
        body.put("singular_noun", o.singular());
        body.put("plural_noun", o.plural());
        body.put("created_at", Timestamps.format(schema.createdAt));
        return body;
    }

    Map<String, Object> attribute(Attribute a) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("workspace_id", ws());
        id.put("object_id", a.objectId().toString());
        id.put("attribute_id", a.id().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("title", a.title());
        body.put("description", null);
        body.put("api_slug", a.slug());
        body.put("type", a.type());
        body.put("is_system_attribute", a.system());
        body.put("is_writable", a.writable());
        body.put("is_required", a.required());
        body.put("is_unique", a.unique());
        body.put("is_multiselect", a.multiselect());
        body.put("is_default_value_enabled", false);
        body.put("is_archived", false);
        body.put("default_value", null);
        body.put("relationship", schema.inverse(a).map(this::relationship).orElse(null));
        body.put("created_at", Timestamps.format(schema.createdAt));
        Map<String, Object> currency = new LinkedHashMap<>();
        currency.put("default_currency_code", a.type().equals("currency") ? "USD" : null);
        currency.put("display_type", a.type().equals("currency") ? "symbol" : null);
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put(
                "allowed_object_ids",
                a.type().equals("record-reference")
                        ? a.allowedObjects().stream()
                                .map(slug ->
                                        schema.object(slug).orElseThrow().id().toString())
                                .toList()
                        : null);
        body.put("config", Map.of("currency", currency, "record_reference", reference));
        return body;
    }

    private Map<String, Object> relationship(Attribute inverse) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("workspace_id", ws());
        id.put("object_id", inverse.objectId().toString());
        id.put("attribute_id", inverse.id().toString());
        return Map.of("id", id);
    }

    Map<String, Object> status(Attribute a, Option option) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("workspace_id", ws());
        id.put("object_id", a.objectId().toString());
        id.put("attribute_id", a.id().toString());
        id.put("status_id", option.id().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("title", option.title());
        body.put("is_archived", false);
        body.put("celebration_enabled", option.celebration());
        body.put("target_time_in_status", null);
        return body;
    }

    Map<String, Object> option(Attribute a, Option option) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("workspace_id", ws());
        id.put("object_id", a.objectId().toString());
        id.put("attribute_id", a.id().toString());
        id.put("option_id", option.id().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("title", option.title());
        body.put("is_archived", false);
        return body;
    }

    Map<String, Object> record(StoredRecord r) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("workspace_id", ws());
        id.put("object_id", r.object.id().toString());
        id.put("record_id", r.id.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("created_at", Timestamps.format(r.createdAt));
        body.put(
                "web_url",
                "https://app.attio.com/" + workspaceSlug + "/"
                        + r.object.singular().toLowerCase(Locale.ROOT) + "/" + r.id);
        Map<String, List<Map<String, Object>>> values = new LinkedHashMap<>();
        r.values.forEach((slug, list) -> values.put(slug, List.copyOf(list)));
        body.put("values", values);
        return body;
    }

    private String ws() {
        return schema.workspaceId.toString();
    }
}
