package dev.beton.events;

import java.time.Instant;
import java.util.Optional;

/**
 * One account (a group of the company type) as the home page lists it.
 *
 * @param activeUsers distinct users with an event in the 30 days before {@code asOf}
 */
public record AccountActivity(
        String key, Optional<String> name, long events, long activeUsers, Optional<Instant> lastSeen) {}
