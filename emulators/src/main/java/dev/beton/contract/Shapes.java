package dev.beton.contract;

import dev.beton.emulator.Exchange;
import dev.beton.emulator.Json;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Hand-written checks for what the contract files leave out: error envelopes (neither file
 * declares 401 or 429, PostHog's declares no errors at all) and routes the files do not have.
 * Each check follows the reference documents.
 */
final class Shapes {

    private static final Set<String> ATTIO_ERROR_TYPES =
            Set.of("invalid_request_error", "auth_error", "rate_limit_error");

    private Shapes() {}

    /** Attio: {@code {status_code, type, code, message}}; 429 carries an HTTP-date Retry-After. */
    static List<String> attioError(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        JsonNode body = json(exchange, problems);
        if (body == null) {
            return problems;
        }
        if (body.path("status_code").asInt(-1) != exchange.status()) {
            problems.add("status_code " + body.path("status_code") + " does not match HTTP " + exchange.status());
        }
        if (!ATTIO_ERROR_TYPES.contains(body.path("type").asString(""))) {
            problems.add("type must be one of " + ATTIO_ERROR_TYPES + ", got " + body.path("type"));
        }
        requireStrings(body, problems, "code", "message");
        if (exchange.status() == 429) {
            String retryAfter = exchange.responseHeader("retry-after").orElse("");
            try {
                ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME);
            } catch (DateTimeParseException e) {
                problems.add("429 needs Retry-After as an HTTP-date, got '" + retryAfter + "'");
            }
        }
        return problems;
    }

    /** PostHog private API: {@code {type, code, detail, attr}}; 429 carries Retry-After seconds. */
    static List<String> postHogError(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        JsonNode body = json(exchange, problems);
        if (body == null) {
            return problems;
        }
        requireStrings(body, problems, "type", "code", "detail");
        if (!body.has("attr")) {
            problems.add("attr is missing (null when not about a field)");
        }
        if (exchange.status() == 429
                && !exchange.responseHeader("retry-after").orElse("").matches("\\d+")) {
            problems.add("429 needs Retry-After in whole seconds");
        }
        if (exchange.status() == 401
                && exchange.responseHeader("www-authenticate").isEmpty()) {
            problems.add("401 needs WWW-Authenticate");
        }
        return problems;
    }

    /** A JSON object body that has at least {@code fields}. */
    static List<String> objectWith(Exchange exchange, String... fields) {
        List<String> problems = new ArrayList<>();
        JsonNode body = json(exchange, problems);
        if (body != null) {
            for (String field : fields) {
                if (!body.has(field)) {
                    problems.add("missing field " + field);
                }
            }
        }
        return problems;
    }

    private static JsonNode json(Exchange exchange, List<String> problems) {
        if (!exchange.responseHeader("content-type").orElse("").startsWith("application/json")) {
            problems.add("content type must be application/json");
        }
        try {
            JsonNode body = Json.parse(exchange.responseBody());
            if (!body.isObject()) {
                problems.add("body must be a JSON object");
                return null;
            }
            return body;
        } catch (RuntimeException e) {
            problems.add("body is not JSON: " + e.getMessage());
            return null;
        }
    }

    private static void requireStrings(JsonNode body, List<String> problems, String... fields) {
        for (String field : fields) {
            if (!body.path(field).isString() || body.path(field).asString().isEmpty()) {
                problems.add(field + " must be a non-empty string");
            }
        }
    }
}
