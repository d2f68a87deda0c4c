package dev.beton.emulator.posthog;

import dev.beton.emulator.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads a capture body (one event, an array of events, or {@code {api_key, batch}}) into events,
 * applying capture-rs's checks. One bad event rejects the whole request.
 */
final class EventIngestion {

    private static final int MAX_DISTINCT_ID = 200;
    private static final int MAX_TOKEN = 64;

    sealed interface Outcome {}

    record Accepted(String token, List<RawEvent> events) implements Outcome {}

    record Rejected(int status, String message) implements Outcome {}

    record RawEvent(
            UUID uuid,
            String event,
            String distinctId,
            Instant timestamp,
            Map<String, Object> properties,
            Map<String, String> groups,
            Map<String, Object> set,
            Map<String, Object> setOnce) {}

    private static final class Invalid extends RuntimeException {
        final int status;

        Invalid(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final Clock clock;

    EventIngestion(Clock clock) {
        this.clock = clock;
    }

    Outcome read(JsonNode body) {
        try {
            List<JsonNode> events = eventsOf(body);
            if (events.isEmpty()) {
                throw new Invalid(400, "request holds no event");
            }
            String token = tokenOf(body, events);
            List<RawEvent> parsed = new ArrayList<>();
            for (JsonNode node : events) {
                parsed.add(event(node));
            }
            return new Accepted(token, List.copyOf(parsed));
        } catch (Invalid e) {
            return new Rejected(e.status, e.getMessage());
        }
    }

    private static List<JsonNode> eventsOf(JsonNode body) {
        if (body.isArray()) {
            return List.copyOf(body.values());
        }
        if (!body.isObject()) {
            throw new Invalid(400, "failed to parse request: expected a JSON object or array");
        }
        if (body.has("batch")) {
            if (!body.get("batch").isArray()) {
                throw new Invalid(400, "failed to parse request: batch must be an array");
            }
            return List.copyOf(body.get("batch").values());
        }
        return List.of(body);
    }

    /** All events of one request must share one token; a batch may carry it at the top. */
    private static String tokenOf(JsonNode body, List<JsonNode> events) {
        Optional<String> top = body.isObject() && body.has("batch") ? token(body) : Optional.empty();
        String token = null;
        for (JsonNode event : events) {
            String own = token(event)
                    .or(() -> top)
                    .orElseThrow(() -> new Invalid(401, "event submitted without an api_key"));
            if (token != null && !token.equals(own)) {
                throw new Invalid(401, "batch submitted with inconsistent api_key values");
            }
            token = own;
        }
        checkToken(token);
        return token;
    }

    private static Optional<String> token(JsonNode node) {
        for (String field : List.of("api_key", "token", "$token")) {
            if (node.path(field).isString()) {
                return Optional.of(node.path(field).asString());
            }
        }
        JsonNode inProperties = node.path("properties").path("token");
        return inProperties.isString() ? Optional.of(inProperties.asString()) : Optional.empty();
    }

    /** capture-rs's token checks, in its order; the reason is part of the 401 text. */
    private static void checkToken(String token) {
        invalidReason(token).ifPresent(reason -> {
            throw new Invalid(401, "API key is not valid: " + reason);
        });
    }

    private static Optional<String> invalidReason(String token) {
        if (token.isEmpty()) {
            return Optional.of("empty");
        }
        if (token.length() > MAX_TOKEN) {
            return Optional.of("too_long");
        }
        if (!token.chars().allMatch(c -> c < 128)) {
            return Optional.of("not_ascii");
        }
        if (token.startsWith("phx_")) {
            return Optional.of("personal_api_key");
        }
        return token.indexOf('\0') >= 0 ? Optional.of("null_byte") : Optional.empty();
    }

    private RawEvent event(JsonNode node) {
        String name = node.path("event").isString() ? node.path("event").asString() : "";
        if (name.isEmpty()) {
            throw new Invalid(400, "event submitted with an empty event name");
        }
        Map<String, Object> properties = properties(node);
        return new RawEvent(
                uuid(node),
                name,
                distinctId(node, properties),
                timestamp(node),
                properties,
                groups(properties),
                personUpdate(node, properties, "$set"),
                personUpdate(node, properties, "$set_once"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(JsonNode node) {
        JsonNode properties = node.path("properties");
        if (properties.isMissingNode() || properties.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!properties.isObject()) {
            throw new Invalid(400, "failed to parse request: properties must be an object");
        }
        return new LinkedHashMap<>((Map<String, Object>) Json.toPlain(properties));
    }

    private static String distinctId(JsonNode node, Map<String, Object> properties) {
        JsonNode id = node.path("distinct_id");
        if (id.isMissingNode() || id.isNull()) {
            id = node.path("$distinct_id");
        }
        Object value = id.isMissingNode() || id.isNull() ? properties.get("distinct_id") : Json.toPlain(id);
        if (value == null) {
            throw new Invalid(400, "event submitted without a distinct_id");
        }
        // Numbers and objects are stringified; ids are truncated rather than rejected.
        String text = value instanceof String s ? s : Json.write(value);
        if (text.isEmpty()) {
            throw new Invalid(400, "event submitted without a distinct_id");
        }
        return text.length() > MAX_DISTINCT_ID ? text.substring(0, MAX_DISTINCT_ID) : text;
    }

    private static UUID uuid(JsonNode node) {
        String text = node.path("uuid").isString() ? node.path("uuid").asString() : "";
        if (text.isEmpty()) {
            return UUID.randomUUID();
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid(400, "failed to parse request: invalid uuid " + text);
        }
    }

    private Instant timestamp(JsonNode node) {
        JsonNode ts = node.path("timestamp");
        if (ts.isString()) {
            try {
                return OffsetDateTime.parse(ts.asString()).toInstant();
            } catch (DateTimeParseException e) {
                throw new Invalid(400, "failed to parse request: invalid timestamp " + ts.asString());
            }
        }
        // Without a timestamp the server uses its own time, minus the client's offset in ms.
        long offsetMillis = node.path("offset").isNumber() ? node.path("offset").asLong() : 0;
        return clock.instant().minusMillis(offsetMillis);
    }

    /** {@code $set}/{@code $set_once} at the top level of the event or inside its properties. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> personUpdate(JsonNode node, Map<String, Object> properties, String field) {
        Map<String, Object> update = new LinkedHashMap<>();
        if (node.path(field).isObject()) {
            update.putAll((Map<String, Object>) Json.toPlain(node.get(field)));
        }
        if (properties.get(field) instanceof Map<?, ?> inProperties) {
            update.putAll((Map<String, Object>) inProperties);
        }
        return update;
    }

    private static Map<String, String> groups(Map<String, Object> properties) {
        Map<String, String> groups = new LinkedHashMap<>();
        if (properties.get("$groups") instanceof Map<?, ?> map) {
            map.forEach((type, key) -> {
                if (key != null) {
                    groups.put(String.valueOf(type), String.valueOf(key));
                }
            });
        }
        return groups;
    }
}
