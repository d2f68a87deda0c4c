package dev.beton.emulator.posthog;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An event capture accepted for a known project.
 *
 * @param uuid the event's uuid (generated when the sender gave none)
 * @param projectId project whose token the event carried
 * @param event event name
 * @param distinctId distinct id, at most 200 characters
 * @param timestamp event time (UTC); the capture time when the sender gave none
 * @param properties event properties as sent
 * @param groupKeys {@code $group_N} columns: group type index to group key
 */
public record CapturedEvent(
        UUID uuid,
        long projectId,
        String event,
        String distinctId,
        Instant timestamp,
        Map<String, Object> properties,
        Map<Integer, String> groupKeys) {

    public CapturedEvent {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        groupKeys = Map.copyOf(groupKeys);
    }
}
