package dev.beton.events;

import java.time.LocalDate;

/** Events on one UTC day. */
public record DailyCount(LocalDate day, long events) {}
