package dev.beton.events.browse;

import java.time.Instant;
import java.util.Optional;

/**
 * Which events to list, newest first.
 *
 * @param groupKey matches an event whose any {@code $group_N} equals it
 * @param after inclusive lower bound on {@code timestamp}
 * @param before exclusive upper bound on {@code timestamp}
 * @param limit 1 to {@value #MAX_LIMIT}
 * @param cursor from a previous page's {@code next}
 */
public record EventFilter(
        Optional<String> event,
        Optional<String> distinctId,
        Optional<String> groupKey,
        Optional<Instant> after,
        Optional<Instant> before,
        int limit,
        Optional<EventCursor> cursor) {

    public static final int MAX_LIMIT = 1_000;

    public EventFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit + ".");
        }
    }

    public static EventFilter latest(int limit) {
        return new EventFilter(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                limit,
                Optional.empty());
    }
}
