package dev.beton.events.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * What a generation produced.
 *
 * @param start first day of the window (00:00 UTC), {@code end} exclusive
 */
public record DemoWorldSummary(
        DemoWorldSpec spec,
        long events,
        int accounts,
        int converted,
        int deals,
        Instant start,
        Instant end,
        Duration took) {}
