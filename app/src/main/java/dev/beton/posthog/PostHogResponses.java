package dev.beton.posthog;

import dev.beton.http.FailedAnswer;
import dev.beton.http.RetryAfter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns PostHog's answers into JSON or a typed failure, reading its drf-exceptions-hog envelope. */
final class PostHogResponses {

    private PostHogResponses() {}

    static JsonNode read(HttpResponse<byte[]> response, JsonMapper json, URI host, Instant now) {
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
        throw switch (FailedAnswer.of(status)) {
            case UNAUTHORIZED ->
                new PostHogException.Unauthorized(orDefault(detail, "The personal API key was refused."));
            case FORBIDDEN ->
                new PostHogException.Forbidden(orDefault(detail, "The personal API key is not allowed to do this."));
            case NOT_FOUND -> new PostHogException.NotFound(orDefault(detail, "Not found."));
            case RATE_LIMITED ->
                new PostHogException.RateLimited(
                        orDefault(detail, "PostHog's rate limit was reached."),
                        RetryAfter.of(response, now).orElse(null));
            case API_ERROR ->
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

    private static String orDefault(String detail, String fallback) {
        return detail.isBlank() ? fallback : detail;
    }
}
