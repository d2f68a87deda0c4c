package dev.beton.events.browse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a workspace's store holds. Timestamps are UTC; first/last are absent when it is empty. */
public record EventStats(
        long totalEvents,
        Optional<Instant> firstTimestamp,
        Optional<Instant> lastTimestamp,
        List<NameCount> byEvent,
        long persons,
        List<NameCount> groupsByType) {

    public record NameCount(String name, long count) {}
}
