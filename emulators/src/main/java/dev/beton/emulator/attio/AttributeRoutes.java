package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioGate.Kind.READ;
import static dev.beton.emulator.attio.AttioGate.Kind.WRITE;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Router;
import dev.beton.emulator.attio.Schema.AttioObject;
import dev.beton.emulator.attio.Schema.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Attributes of an object, their select options and statuses: list, and create as a workspace
 * admin would (ensure-attribute is idempotent only through the 409 on a taken slug).
 */
final class AttributeRoutes {

    private static final List<String> CONFIG_READ = List.of("object_configuration:read");
    private static final List<String> CONFIG_WRITE = List.of("object_configuration:read-write");
    /** Types the emulator can create and write values for. */
    private static final Set<String> CREATABLE = Set.of(
            "text",
            "number",
            "checkbox",
            "currency",
            "date",
            "timestamp",
            "select",
            "record-reference",
            "actor-reference",
            "email-address");

    private static final List<String> REQUIRED_FIELDS =
            List.of("title", "description", "api_slug", "type", "is_required", "is_unique", "is_multiselect", "config");

    private final Schema schema;
    private final AttioGate gate;
    private final AttioJson json;

    AttributeRoutes(Schema schema, AttioGate gate, AttioJson json) {
        this.schema = schema;
        this.gate = gate;
        this.json = json;
    }

    void register(Router router) {
        String attributes = "/v2/{target}/{identifier}/attributes";
        String options = attributes + "/{attribute}/options";
        router.route("GET", attributes, gate.guard(READ, CONFIG_READ, this::list));
        router.route("POST", attributes, gate.guard(WRITE, CONFIG_WRITE, this::create));
        router.route("GET", options, gate.guard(READ, CONFIG_READ, this::options));
        router.route("POST", options, gate.guard(WRITE, CONFIG_WRITE, this::addOption));
        router.route("GET", attributes + "/{attribute}/statuses", gate.guard(READ, CONFIG_READ, this::statuses));
    }

    private EmulatorResponse list(EmulatorRequest request, AttioToken token) {
        List<Map<String, Object>> all =
                schema.attributes(target(request)).stream().map(json::attribute).toList();
        int offset = Math.min(QueryParams.nonNegative(request, "offset", 0), all.size());
        int limit = QueryParams.nonNegative(request, "limit", all.size());
        return EmulatorResponse.json(200, Map.of("data", all.subList(offset, Math.min(all.size(), offset + limit))));
    }

    private EmulatorResponse create(EmulatorRequest request, AttioToken token) {
        AttioObject object = target(request);
        JsonNode data = request.json().path("data");
        for (String field : REQUIRED_FIELDS) {
            if (!data.has(field)) {
                throw AttioProblem.invalid("validation_type", "Body is missing data." + field + ".");
            }
        }
        String type = data.get("type").asString("");
        checkCreatable(object, type, data.get("is_unique").asBoolean());
        List<String> allowed = new ArrayList<>();
        data.path("config")
                .path("record_reference")
                .path("allowed_objects")
                .values()
                .forEach(n -> allowed.add(n.asString()));
        if (type.equals("record-reference")
                && (allowed.isEmpty()
                        || allowed.stream().anyMatch(a -> schema.object(a).isEmpty()))) {
            throw AttioProblem.invalid(
                    "validation_type", "config.record_reference.allowed_objects must name existing objects.");
        }
        Attribute created = schema.addCustom(
                object,
                data.get("api_slug").asString(),
                data.get("title").asString(),
                type,
                data.get("is_unique").asBoolean(),
                data.get("is_multiselect").asBoolean(),
                allowed.stream().map(a -> schema.object(a).orElseThrow().slug()).toList());
        return EmulatorResponse.json(200, Map.of("data", json.attribute(created)));
    }

    /** The documented refusals, then the emulator's own limit on types it can write. */
    private static void checkCreatable(AttioObject object, String type, boolean unique) {
        if (type.equals("status")) {
            throw AttioProblem.invalid(
                    "validation_type", "Attributes of type \"status\" are not supported on objects.");
        }
        if (type.equals("interaction") || type.equals("personal-name") || type.equals("domain")) {
            throw AttioProblem.invalid("validation_type", "Attributes of type \"" + type + "\" cannot be created.");
        }
        if (unique && type.equals("select")) {
            throw AttioProblem.invalid("validation_type", "Select attributes cannot be unique.");
        }
        if (unique && (object.slug().equals("companies") || object.slug().equals("people"))) {
            throw AttioProblem.invalid(
                    "validation_type",
                    "You cannot create new custom attributes with a unique constraint for " + object.singular()
                            + " objects.");
        }
        if (!CREATABLE.contains(type)) {
            throw AttioProblem.invalid(
                    "validation_type", "The Beton Attio emulator cannot create attributes of type \"" + type + "\".");
        }
    }

    private EmulatorResponse options(EmulatorRequest request, AttioToken token) {
        Attribute attribute = typed(request, "select");
        return EmulatorResponse.json(
                200,
                Map.of(
                        "data",
                        attribute.options().stream()
                                .map(o -> json.option(attribute, o))
                                .toList()));
    }

    private EmulatorResponse addOption(EmulatorRequest request, AttioToken token) {
        Attribute attribute = typed(request, "select");
        JsonNode title = request.json().path("data").path("title");
        if (!title.isString() || title.asString().isBlank()) {
            throw AttioProblem.invalid("validation_type", "Body is missing data.title.");
        }
        Schema.Option option = schema.addOption(attribute, title.asString());
        return EmulatorResponse.json(200, Map.of("data", json.option(attribute, option)));
    }

    private EmulatorResponse statuses(EmulatorRequest request, AttioToken token) {
        Attribute attribute = typed(request, "status");
        return EmulatorResponse.json(
                200,
                Map.of(
                        "data",
                        attribute.options().stream()
                                .map(o -> json.status(attribute, o))
                                .toList()));
    }

    private Attribute typed(EmulatorRequest request, String type) {
        String slug = request.pathParam("attribute");
        return schema.attribute(target(request), slug)
                .filter(a -> a.type().equals(type))
                .orElseThrow(() -> AttioProblem.notFound("Attribute with slug/ID \"" + slug + "\" not found."));
    }

    /** {@code /v2/{target}/…}: only objects are emulated, lists are not. */
    private AttioObject target(EmulatorRequest request) {
        String target = request.pathParam("target");
        String identifier = request.pathParam("identifier");
        if (!target.equals("objects")) {
            throw AttioProblem.notFound("List with slug/ID \"" + identifier + "\" not found.");
        }
        return schema.object(identifier).orElseThrow(() -> AttioProblem.objectNotFound(identifier));
    }
}
