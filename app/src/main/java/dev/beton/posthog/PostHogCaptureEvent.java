package dev.beton.posthog;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event for PostHog's capture, as its batch carries it.
 *
 * @param uuid chosen by the sender: a deterministic uuid lets PostHog collapse a retried event
 * @param properties JSON-ready values (strings, numbers, booleans, maps, lists)
 */
public record PostHogCaptureEvent(
        UUID uuid, String event, String distinctId, Instant timestamp, Map<String, Object> properties) {

    public PostHogCaptureEvent {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(timestamp, "timestamp");
        if (event == null || event.isBlank()) {
            throw new IllegalArgumentException("a captured event needs a name");
        }
        if (distinctId == null || distinctId.isBlank()) {
            throw new IllegalArgumentException("a captured event needs a distinct_id");
        }
        properties = Map.copyOf(properties);
    }
}
