package dev.beton.posthog;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns PostHog's answers into JSON or a typed failure, reading its drf-exceptions-hog envelope. */
final class PostHogResponses {

    private PostHogResponses() {}

    static JsonNode read(HttpResponse<byte[]> response, JsonMapper json, URI host) {
        int status = response.statusCode();
        JsonNode body = parse(response.body(), json);
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new PostHogException.ApiError(
                        status, "PostHog at " + host + " answered with something that is not JSON.");
            }
            return body;
        }
        String detail = body == null ? "" : body.path("detail").asString("");
        throw switch (status) {
            case 401 -> new PostHogException.Unauthorized(orDefault(detail, "The personal API key was refused."));
            case 403 ->
                new PostHogException.Forbidden(orDefault(detail, "The personal API key is not allowed to do this."));
            case 404 -> new PostHogException.NotFound(orDefault(detail, "Not found."));
            case 429 ->
                new PostHogException.RateLimited(
                        orDefault(detail, "PostHog's rate limit was reached."), retryAfter(response));
            default ->
                new PostHogException.ApiError(
                        status,
                        "PostHog at " + host + " answered " + status + (detail.isEmpty() ? "." : ": " + detail));
        };
    }

    private static JsonNode parse(byte[] body, JsonMapper json) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .map(String::strip)
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .orElse(null);
    }

    private static String orDefault(String detail, String fallback) {
        return detail.isBlank() ? fallback : detail;
    }
}
