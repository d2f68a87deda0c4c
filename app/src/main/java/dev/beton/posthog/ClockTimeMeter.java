package dev.beton.posthog;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/** Bucket4j's time taken from the injected clock, so budgets follow fake time in tests and the simulated day. */
public final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;

    public ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        return epochNanos(clock);
    }

    /** The clock's instant in nanoseconds since the epoch, as Bucket4j and Caffeine read time. */
    static long epochNanos(Clock clock) {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    // Wall-clock based: buckets refill at clock-aligned boundaries (every :00), which needs real time of day.
    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
