package dev.beton.posthog;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/** Bucket4j's time taken from the injected clock, so budgets follow fake time in tests and the simulated day. */
final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;

    ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    // Wall-clock based: buckets refill at clock-aligned boundaries (every :00), which needs real time of day.
    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
