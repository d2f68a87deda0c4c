package dev.beton.workspace;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A JSON string and nothing else: Jackson would turn {@code 123}, {@code true} or {@code 1.5}
 * into text, so {@code {"name": 123}} created a workspace called "123". Anything but a string is
 * a 400 naming the field.
 */
final class StrictString extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }
}
