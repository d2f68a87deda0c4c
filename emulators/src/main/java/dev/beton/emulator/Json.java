package dev.beton.emulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** The one JSON mapper the emulators share; plain data in, plain data out. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    public static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        return MAPPER.readTree(text);
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Converts a JSON tree to plain Java maps, lists, strings, numbers and booleans. */
    public static Object toPlain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }
}
