package dev.beton.events.ingest;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one raw PostHog capture event (a JSON object) into an {@link IncomingEvent}, checking it
 * the way PostHog's capture does. Shared by capture, file import and anything else that ingests,
 * so the three can never disagree on what an event means.
 */
public final class EventParser {

    /** Where the event comes from: import also accepts PostHog exports' stringified properties. */
    public enum Source {
        CAPTURE,
        IMPORT
    }

    static final int MAX_DISTINCT_ID_LENGTH = 200;
    // PostHog ignores timestamps more than 23 hours in the future and uses the arrival time.
    private static final Duration FUTURE_TOLERANCE = Duration.ofHours(23);

    private final JsonMapper json;
    private final RandomGenerator random;

    public EventParser(JsonMapper json, RandomGenerator random) {
        this.json = json;
        this.random = random;
    }

    /**
     * @param receivedAt when Beton received the request (the server clock)
     * @param sentAt the request's {@code sent_at}, when the SDK sent one
     * @throws EventRejected with PostHog's status and sentence when the event is not acceptable
     */
    public IncomingEvent parse(JsonNode raw, Instant receivedAt, Optional<Instant> sentAt, Source source) {
        if (raw == null || !raw.isObject()) {
            throw EventRejected.parseError("an event must be a JSON object");
        }
        String event = eventName(raw);
        ObjectNode properties = properties(raw, source);
        String distinctId = distinctId(raw, properties);
        Optional<Instant> eventSentAt = optionalInstant(raw.get("sent_at")).or(() -> sentAt);
        Instant timestamp = timestamp(raw, properties, receivedAt, eventSentAt);
        UUID uuid = uuid(raw.get("uuid"), timestamp);
        return new IncomingEvent(
                uuid,
                event,
                distinctId,
                timestamp,
                json.writeValueAsString(properties),
                groups(properties),
                personUpdate(raw, event, distinctId, properties),
                groupIdentify(event, properties));
    }

    private static Instant timestamp(
            JsonNode raw, ObjectNode properties, Instant receivedAt, Optional<Instant> sentAt) {
        Instant timestamp;
        try {
            timestamp = EventTimestamps.resolve(raw, properties, receivedAt, sentAt);
        } catch (DateTimeException | ArithmeticException e) {
            // A safety net: whatever the arithmetic cannot hold is this request's fault, not the store's.
            throw EventRejected.parseError("the event's time cannot be computed: " + e.getMessage());
        }
        if (timestamp.isAfter(receivedAt.plus(FUTURE_TOLERANCE))) {
            return receivedAt;
        }
        return timestamp;
    }

    private static String eventName(JsonNode raw) {
        JsonNode event = raw.get("event");
        if (event == null || event.isNull()) {
            throw EventRejected.parseError("missing field `event`");
        }
        if (!event.isString()) {
            throw EventRejected.parseError("invalid type for field `event`, expected a string");
        }
        if (event.stringValue().isBlank()) {
            throw EventRejected.badRequest("event submitted with an empty event name");
        }
        return event.stringValue();
    }

    private ObjectNode properties(JsonNode raw, Source source) {
        JsonNode properties = raw.get("properties");
        if (properties == null || properties.isNull()) {
            return json.createObjectNode();
        }
        if (properties.isObject()) {
            return (ObjectNode) properties;
        }
        if (source == Source.IMPORT && properties.isString()) {
            try {
                JsonNode parsed = json.readTree(properties.stringValue());
                if (parsed.isObject()) {
                    return (ObjectNode) parsed;
                }
            } catch (JacksonException e) {
                throw EventRejected.parseError("`properties` is not a JSON object");
            }
        }
        throw EventRejected.parseError("invalid type for field `properties`, expected a map");
    }

    private static String distinctId(JsonNode raw, ObjectNode properties) {
        for (JsonNode candidate :
                new JsonNode[] {raw.get("distinct_id"), raw.get("$distinct_id"), properties.get("distinct_id")}) {
            Optional<String> id = stringified(candidate);
            if (id.isPresent()) {
                String value = id.get();
                return value.length() > MAX_DISTINCT_ID_LENGTH ? value.substring(0, MAX_DISTINCT_ID_LENGTH) : value;
            }
        }
        throw EventRejected.badRequest("event submitted without a distinct_id");
    }

    /** PostHog stringifies numbers and objects used as ids; empty strings count as absent. */
    static Optional<String> stringified(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        String value = node.isString() ? node.stringValue() : node.toString();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private UUID uuid(JsonNode node, Instant timestamp) {
        if (node == null
                || node.isNull()
                || (node.isString() && node.stringValue().isEmpty())) {
            return Uuids.timeOrdered(timestamp, random);
        }
        if (!node.isString()) {
            throw EventRejected.parseError("invalid type for field `uuid`, expected a UUID string");
        }
        try {
            String text = node.stringValue();
            if (text.length() != 36) {
                throw new IllegalArgumentException(text);
            }
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw EventRejected.parseError("invalid uuid '" + abbreviated(node.stringValue()) + "'");
        }
    }

    private static Optional<Instant> optionalInstant(JsonNode node) {
        if (node == null
                || node.isNull()
                || (node.isString() && node.stringValue().isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(EventTimestamps.parse(node, "sent_at"));
    }

    private static Map<String, String> groups(ObjectNode properties) {
        JsonNode groups = properties.get("$groups");
        if (groups == null || !groups.isObject()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : groups.properties()) {
            stringified(entry.getValue()).ifPresent(key -> result.put(entry.getKey(), key));
        }
        return result;
    }

    private IncomingEvent.PersonUpdate personUpdate(
            JsonNode raw, String event, String distinctId, ObjectNode properties) {
        JsonNode flag = properties.get("$process_person_profile");
        boolean process = flag == null || !flag.isBoolean() || flag.booleanValue();
        ObjectNode set = merged(properties.get("$set"), raw.get("$set"));
        ObjectNode setOnce = merged(properties.get("$set_once"), raw.get("$set_once"));
        List<String> linked = new ArrayList<>();
        String linkField =
                switch (event) {
                    case "$identify" -> "$anon_distinct_id";
                    case "$create_alias", "$merge_dangerously" -> "alias";
                    default -> null;
                };
        if (linkField != null) {
            stringified(properties.get(linkField))
                    .filter(id -> !id.equals(distinctId))
                    .ifPresent(linked::add);
        }
        return new IncomingEvent.PersonUpdate(process, set, setOnce, List.copyOf(linked));
    }

    private ObjectNode merged(JsonNode fromProperties, JsonNode topLevel) {
        ObjectNode result = json.createObjectNode();
        if (fromProperties != null && fromProperties.isObject()) {
            result.setAll((ObjectNode) fromProperties);
        }
        if (topLevel != null && topLevel.isObject()) {
            result.setAll((ObjectNode) topLevel);
        }
        return result;
    }

    private Optional<IncomingEvent.GroupIdentify> groupIdentify(String event, ObjectNode properties) {
        if (!"$groupidentify".equals(event)) {
            return Optional.empty();
        }
        Optional<String> type = stringified(properties.get("$group_type"));
        Optional<String> key = stringified(properties.get("$group_key"));
        if (type.isEmpty() || key.isEmpty()) {
            throw EventRejected.badRequest("$groupidentify event submitted without $group_type or $group_key");
        }
        JsonNode set = properties.get("$group_set");
        ObjectNode groupSet = set != null && set.isObject() ? (ObjectNode) set : json.createObjectNode();
        return Optional.of(new IncomingEvent.GroupIdentify(type.get(), key.get(), groupSet));
    }

    /**
     * ISO 8601 with or without zone (UTC assumed) or a date, as PostHog's {@code timestamp}.
     *
     * @return empty when the text is no such instant
     * @throws EventRejected when it is one, but outside the years 0001–9999 that Beton stores
     */
    public static Optional<Instant> parseInstant(String text, String field) {
        Optional<Instant> instant = EventTimestamps.parseText(text);
        if (instant.isPresent() && !EventTimestamps.isSupported(instant.get())) {
            throw EventRejected.parseError(field + " '" + abbreviated(text)
                    + "' is out of range (Beton stores events from the year 0001 to 9999)");
        }
        return instant;
    }

    /** Epoch milliseconds as posthog-js sends its send time ({@code ?_=}), range-checked. */
    public static Instant epochMillis(long millis, String field) {
        return EventTimestamps.epochMillis(millis, String.valueOf(millis), field);
    }

    static String abbreviated(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
