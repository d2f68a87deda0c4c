package dev.beton.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts requests per key in a sliding window on an injected clock, the way the emulated
 * services throttle: Django REST framework keeps a log of request times per key and refuses once
 * the log holds {@code limit} entries younger than the window; Attio documents per-second
 * windows. A token bucket (as in Bucket4j) would refill gradually and answer different
 * {@code Retry-After} values than the real services, so the emulators keep their own log.
 */
public final class SlidingWindowLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> logs = new HashMap<>();

    /**
     * @param limit requests allowed per window, at least 1
     * @param window window length, positive
     * @param clock source of "now"
     */
    public SlidingWindowLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "a rate limit needs limit >= 1 and a positive window, got " + limit + " per " + window);
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Records a request for {@code key} if the window has room.
     *
     * @return empty when allowed; otherwise how long until the oldest counted request leaves the
     *     window (positive)
     */
    public synchronized Optional<Duration> tryAcquire(String key) {
        Instant now = clock.instant();
        Deque<Instant> log = logs.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!log.isEmpty() && !log.peekFirst().isAfter(now.minus(window))) {
            log.pollFirst();
        }
        if (log.size() >= limit) {
            return Optional.of(Duration.between(now, log.peekFirst().plus(window)));
        }
        log.addLast(now);
        return Optional.empty();
    }

    /** The configured limit, for messages. */
    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }
}
