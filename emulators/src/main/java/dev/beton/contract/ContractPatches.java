package dev.beton.contract;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fixes applied in memory to the parsed Attio contract, where the file contradicts both Attio's
 * docs and its own examples. The file on disk stays byte-identical; each fix is narrow and
 * counted, and {@link ContractValidator#contractPatches()} lists them.
 *
 * <ul>
 *   <li>Timestamp values are declared {@code format: date} while their example (and the API)
 *       is a date-time with nanoseconds; validated as {@code date-time} instead.
 *   <li>Nullable schemas do not accept null: the file uses the 3.0 keyword {@code nullable:
 *       true} (actor ids and types), which 3.1 ignores, and nullable enums (currency code and
 *       display type) do not list null. Such schemas accept {@code null}, as documented.
 * </ul>
 */
final class ContractPatches {

    private ContractPatches() {}

    /** Applies the fixes and returns a line per kind of fix with how often it applied. */
    static List<String> applyToAttio(OpenAPI model) {
        int[] timestamp = {0};
        int[] nullable = {0};
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Schema<?> root : roots(model)) {
            walk(root, seen, schema -> {
                if (fixTimestampFormat(schema)) {
                    timestamp[0]++;
                }
                if (fixNullable(schema)) {
                    nullable[0]++;
                }
            });
        }
        return List.of(
                "Attio timestamp values: format date -> date-time (" + timestamp[0] + " schemas)",
                "Attio nullable schemas ('nullable: true', nullable enums) -> null allowed (" + nullable[0]
                        + " schemas)");
    }

    private static boolean fixTimestampFormat(Schema<?> schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null || !properties.containsKey("attribute_type") || !properties.containsKey("value")) {
            return false;
        }
        List<?> kind = properties.get("attribute_type").getEnum();
        Schema<?> value = properties.get("value");
        if (kind != null && kind.equals(List.of("timestamp")) && "date".equals(value.getFormat())) {
            value.setFormat("date-time");
            return true;
        }
        return false;
    }

    /**
     * A schema meant to accept null gets {@code null} in its types and, if it has an enum, in
     * the enum too (JSON Schema checks enum separately from type, so {@code type: [string,
     * null]} with an enum of strings still refuses null).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean fixNullable(Schema schema) {
        boolean nullable = Boolean.TRUE.equals(schema.getNullable())
                || (schema.getTypes() != null && schema.getTypes().contains("null"));
        if (!nullable || schema.getTypes() == null) {
            return false;
        }
        boolean changed = false;
        if (!schema.getTypes().contains("null")) {
            Set<String> types = new LinkedHashSet<>(schema.getTypes());
            types.add("null");
            schema.setTypes(types);
            changed = true;
        }
        if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
            List values = new ArrayList(schema.getEnum());
            values.add(null);
            schema.setEnum(values);
            changed = true;
        }
        return changed;
    }

    private static List<Schema<?>> roots(OpenAPI model) {
        List<Schema<?>> roots = new ArrayList<>();
        if (model.getComponents() != null && model.getComponents().getSchemas() != null) {
            model.getComponents().getSchemas().values().forEach(roots::add);
        }
        model.getPaths().values().forEach(item -> item.readOperations().forEach(op -> collect(op, roots)));
        return roots;
    }

    private static void collect(Operation operation, List<Schema<?>> roots) {
        if (operation.getRequestBody() != null) {
            schemas(operation.getRequestBody().getContent(), roots);
        }
        if (operation.getResponses() != null) {
            for (ApiResponse response : operation.getResponses().values()) {
                schemas(response.getContent(), roots);
            }
        }
    }

    private static void schemas(Content content, List<Schema<?>> roots) {
        if (content != null) {
            content.values().forEach(media -> {
                if (media.getSchema() != null) {
                    roots.add(media.getSchema());
                }
            });
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void walk(Schema schema, Set<Schema<?>> seen, java.util.function.Consumer<Schema> fix) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        fix.accept(schema);
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(s -> walk(s, seen, fix));
        }
        walk(schema.getItems(), seen, fix);
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            walk(additional, seen, fix);
        }
        for (List<Schema> group : new List[] {schema.getOneOf(), schema.getAnyOf(), schema.getAllOf()}) {
            if (group != null) {
                group.forEach(s -> walk(s, seen, fix));
            }
        }
        walk(schema.getNot(), seen, fix);
    }
}
