package dev.beton.posthog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the client waits for an asynchronous query: exponential backoff from {@link #FIRST_DELAY}
 * up to {@link #LONGEST_DELAY}, never past the deadline. Time comes from the clock and waiting
 * goes through a {@link Pause}, so tests move a fake clock instead of sleeping.
 */
record QueryPolling(Clock clock, Pause pause, Duration maxWait) {

    static final Duration FIRST_DELAY = Duration.ofMillis(100);
    static final Duration LONGEST_DELAY = Duration.ofSeconds(2);

    QueryPolling {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(maxWait, "maxWait");
    }

    /** Waits, as {@link Thread#sleep}; a test supplies one that advances its clock. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;

        static Pause sleeping() {
            return duration -> Thread.sleep(duration);
        }
    }

    Instant deadline() {
        return clock.instant().plus(maxWait);
    }

    /** The delay before poll number {@code attempt} (0-based), cut short at the deadline. */
    Duration delay(int attempt, Instant deadline) {
        Duration backoff = FIRST_DELAY.multipliedBy(1L << Math.min(attempt, 10));
        Duration capped = backoff.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : backoff;
        Duration left = Duration.between(clock.instant(), deadline);
        return capped.compareTo(left) > 0 ? left : capped;
    }

    boolean expired(Instant deadline) {
        return !clock.instant().isBefore(deadline);
    }
}
