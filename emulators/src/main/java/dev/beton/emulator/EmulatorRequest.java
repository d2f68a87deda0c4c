package dev.beton.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A request as a route handler sees it.
 *
 * @param method upper-case HTTP method
 * @param path decoded path
 * @param pathParams values of the route's {@code {name}} segments
 * @param rawQuery raw query string, empty when absent
 * @param headers headers with lower-cased names
 * @param body body as UTF-8 text, empty when absent
 */
public record EmulatorRequest(
        String method,
        String path,
        Map<String, String> pathParams,
        String rawQuery,
        Map<String, List<String>> headers,
        String body) {

    public EmulatorRequest {
        pathParams = Map.copyOf(pathParams);
        headers = Map.copyOf(headers);
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** All values of a query parameter, in order; {@code ?tags=a&tags=b} gives both. */
    public List<String> queryParams(String name) {
        return parseQueryParams(rawQuery).getOrDefault(name, List.of());
    }

    public Optional<String> queryParam(String name) {
        List<String> values = queryParams(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * The body parsed as JSON.
     *
     * @throws tools.jackson.core.JacksonException when the body is not JSON; an empty body reads as
     *     a missing node
     */
    public JsonNode json() {
        return Json.parse(body);
    }

    /** Query parameters in order of appearance, decoded. */
    public static Map<String, List<String>> parseQueryParams(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
