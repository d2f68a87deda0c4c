package dev.beton.bizevents;

import java.time.Instant;

/** A stored, valid business event with the time it happened (its event timestamp). */
record DatedEvent(String uuid, Instant at, BusinessEvent event) {}
