package dev.beton.emulator;

import java.util.List;
import java.util.Map;

/**
 * What a route handler answers.
 *
 * @param status HTTP status
 * @param headers extra response headers (the content type is derived from {@code contentType})
 * @param contentType media type of the body, empty for no body
 * @param body body text, empty for no body
 */
public record EmulatorResponse(int status, Map<String, List<String>> headers, String contentType, String body) {

    public EmulatorResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON answer; {@code value} is any tree Jackson can write (maps, lists, records, nodes). */
    public static EmulatorResponse json(int status, Object value) {
        return new EmulatorResponse(status, Map.of(), "application/json", Json.write(value));
    }

    public static EmulatorResponse text(int status, String text) {
        return new EmulatorResponse(status, Map.of(), "text/plain; charset=utf-8", text);
    }

    public static EmulatorResponse empty(int status) {
        return new EmulatorResponse(status, Map.of(), "", "");
    }

    public EmulatorResponse withHeader(String name, String value) {
        var copy = new java.util.HashMap<>(headers);
        copy.put(name, List.of(value));
        return new EmulatorResponse(status, copy, contentType, body);
    }
}
