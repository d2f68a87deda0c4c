package dev.beton.bizevents;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The schemas as JSON Schema (draft 2020-12), derived from the same {@link FieldSpec}s the validator uses. */
final class BusinessEventSchemas {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private BusinessEventSchemas() {}

    /** The schema of a whole event as senders post it: {@code {event, distinct_id?, properties}}. */
    static ObjectNode of(BusinessEventType type, String id) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode schema = f.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("$id", id);
        schema.put("title", type.eventName());
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        props.putObject("event").put("const", type.eventName());
        props.putObject("distinct_id").put("type", "string");
        props.putObject("uuid").put("type", "string").put("format", "uuid");
        props.putObject("timestamp").put("type", "string").put("format", "date-time");
        props.set("properties", properties(type));
        schema.putArray("required").add("event").add("properties");
        return schema;
    }

    static ObjectNode properties(BusinessEventType type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode schema = f.objectNode();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (FieldSpec field : type.fields()) {
            ObjectNode p = props.putObject(field.name());
            switch (field.kind()) {
                case STRING -> p.put("type", "string").put("minLength", 1);
                case NUMBER -> p.put("type", "number");
                case INTEGER -> p.put("type", "integer");
                case BOOLEAN -> p.put("type", "boolean");
                case DATE_TIME -> p.put("type", "string").put("format", "date-time");
                case ENUM -> {
                    p.put("type", "string");
                    ArrayNode values = p.putArray("enum");
                    field.values().forEach(values::add);
                }
                case STRING_LIST -> p.put("type", "array").putObject("items").put("type", "string");
            }
            if (field.min() != null) {
                p.put("minimum", field.min());
            }
            if (field.max() != null) {
                p.put("maximum", field.max());
            }
            if (field.required()) {
                required.add(field.name());
            }
        }
        // PostHog SDKs add their own properties ($lib, $ip, …): allowed
        schema.put("additionalProperties", true);
        return schema;
    }
}
