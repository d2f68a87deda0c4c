package dev.beton.events.ingest;

import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** UUIDv7 (RFC 9562): time-ordered, like the ids PostHog generates, so they cluster on disk. */
public final class Uuids {

    private Uuids() {}

    public static UUID timeOrdered(Instant at, RandomGenerator random) {
        long millis = Math.max(0, at.toEpochMilli()) & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
