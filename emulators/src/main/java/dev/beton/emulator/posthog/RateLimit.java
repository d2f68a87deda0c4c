package dev.beton.emulator.posthog;

import java.time.Duration;

/**
 * At most {@code requests} per {@code per}, counted per personal API key in a sliding window.
 *
 * @param requests allowed requests in a window, at least 1
 * @param per window length, positive
 */
public record RateLimit(int requests, Duration per) {

    public RateLimit {
        if (requests < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("rate limit needs requests >= 1 and a positive window");
        }
    }

    public static RateLimit perMinute(int requests) {
        return new RateLimit(requests, Duration.ofMinutes(1));
    }

    public static RateLimit perHour(int requests) {
        return new RateLimit(requests, Duration.ofHours(1));
    }
}
