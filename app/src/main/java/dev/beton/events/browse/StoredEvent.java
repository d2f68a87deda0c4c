package dev.beton.events.browse;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An event as stored.
 *
 * @param groups group type → key, from the {@code $group_N} columns
 * @param insertedAt when Beton committed it (UTC)
 */
public record StoredEvent(
        UUID uuid,
        String event,
        String distinctId,
        UUID personId,
        Instant timestamp,
        JsonNode properties,
        Map<String, String> groups,
        Instant insertedAt) {}
