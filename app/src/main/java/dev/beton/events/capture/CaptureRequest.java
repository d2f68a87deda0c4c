package dev.beton.events.capture;

import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.EventRejected;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The shape of one capture request: a single event, an array of events, or a batch object with
 * {@code api_key} / {@code batch} / {@code sent_at}; and the one project token it carries.
 *
 * @param events the raw events, not yet validated
 * @param sentAt when the client says it sent the request (for clock-skew correction)
 */
record CaptureRequest(List<JsonNode> events, String token, Optional<Instant> sentAt) {

    static final int MAX_TOKEN_LENGTH = 64;

    static CaptureRequest of(JsonNode root, Optional<Instant> querySentAt) {
        List<JsonNode> events = new ArrayList<>();
        Set<String> tokens = new LinkedHashSet<>();
        Optional<Instant> sentAt = querySentAt;
        if (root != null && root.isObject() && root.has("batch")) {
            JsonNode batch = root.get("batch");
            if (!batch.isArray()) {
                throw EventRejected.parseError("invalid type for field `batch`, expected a sequence");
            }
            batch.forEach(events::add);
            tokenOf(root).ifPresent(tokens::add);
            sentAt = sentAtOf(root).or(() -> querySentAt);
        } else if (root != null && root.isObject()) {
            events.add(root);
        } else if (root != null && root.isArray()) {
            root.forEach(events::add);
        } else {
            throw EventRejected.parseError("expected a JSON object, array or batch");
        }
        for (JsonNode event : events) {
            if (event.isObject()) {
                tokenOf(event).ifPresent(tokens::add);
            }
        }
        if (events.isEmpty()) {
            throw EventRejected.badRequest("request holds no event");
        }
        if (tokens.size() > 1) {
            throw EventRejected.unauthorized("batch submitted with inconsistent api_key values");
        }
        String token = tokens.stream()
                .findFirst()
                .orElseThrow(() -> EventRejected.unauthorized("event submitted without an api_key"));
        checkFormat(token);
        return new CaptureRequest(events, token, sentAt);
    }

    private static Optional<String> tokenOf(JsonNode node) {
        for (String field : new String[] {"api_key", "token", "$token"}) {
            JsonNode value = node.get(field);
            if (value != null && value.isString()) {
                return Optional.of(value.stringValue());
            }
        }
        JsonNode properties = node.get("properties");
        if (properties != null && properties.isObject()) {
            JsonNode token = properties.get("token");
            if (token != null && token.isString()) {
                return Optional.of(token.stringValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> sentAtOf(JsonNode root) {
        JsonNode sentAt = root.get("sent_at");
        if (sentAt == null
                || sentAt.isNull()
                || (sentAt.isString() && sentAt.stringValue().isEmpty())) {
            return Optional.empty();
        }
        if (!sentAt.isString()) {
            throw EventRejected.parseError("invalid type for field `sent_at`, expected an ISO 8601 string");
        }
        return Optional.of(EventParser.parseInstant(sentAt.stringValue(), "sent_at")
                .orElseThrow(() -> EventRejected.parseError("invalid sent_at '" + sentAt.stringValue() + "'")));
    }

    /** PostHog's token checks, in its order and with its reasons. */
    private static void checkFormat(String token) {
        String reason = null;
        if (token.isEmpty()) {
            reason = "empty";
        } else if (token.length() > MAX_TOKEN_LENGTH) {
            reason = "too_long";
        } else if (!StandardCharsets.US_ASCII.newEncoder().canEncode(token)) {
            reason = "not_ascii";
        } else if (token.startsWith("phx_")) {
            reason = "personal_api_key";
        } else if (token.indexOf('\0') >= 0) {
            reason = "null_byte";
        }
        if (reason != null) {
            throw EventRejected.unauthorized("API key is not valid: " + reason);
        }
    }
}
