package dev.beton.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request an emulator answered, with its answer, as seen on the wire.
 *
 * @param method upper-case HTTP method
 * @param path decoded request path, without query string
 * @param query raw query string, empty when there was none
 * @param requestHeaders request headers; names lower-cased
 * @param requestBody request body as UTF-8 text, empty when there was none
 * @param status HTTP status of the answer
 * @param responseHeaders response headers; names lower-cased
 * @param responseBody response body as UTF-8 text, empty when there was none
 */
public record Exchange(
        String method,
        String path,
        String query,
        Map<String, List<String>> requestHeaders,
        String requestBody,
        int status,
        Map<String, List<String>> responseHeaders,
        String responseBody) {

    public Exchange {
        requestHeaders = Map.copyOf(requestHeaders);
        responseHeaders = Map.copyOf(responseHeaders);
    }

    /** First value of a request header, by case-insensitive name. */
    public Optional<String> requestHeader(String name) {
        return first(requestHeaders, name);
    }

    /** First value of a response header, by case-insensitive name. */
    public Optional<String> responseHeader(String name) {
        return first(responseHeaders, name);
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
