package dev.beton.emulator.posthog;

import java.util.List;

/**
 * Throttles per class of endpoint, as PostHog applies them to personal-API-key requests.
 *
 * @param query {@code /query/} (API-queries throttles)
 * @param analytics every {@code /insights/} action, CRUD included (ClickHouse throttles)
 * @param crud every other private endpoint
 */
public record PostHogRateLimits(List<RateLimit> query, List<RateLimit> analytics, List<RateLimit> crud) {

    public PostHogRateLimits {
        query = List.copyOf(query);
        analytics = List.copyOf(analytics);
        crud = List.copyOf(crud);
    }

    /**
     * The published numbers: query 240/min and 2400/h; insights 240/min and 1200/h; other CRUD
     * 480/min and 4800/h.
     */
    public static PostHogRateLimits documented() {
        return new PostHogRateLimits(
                List.of(RateLimit.perMinute(240), RateLimit.perHour(2400)),
                List.of(RateLimit.perMinute(240), RateLimit.perHour(1200)),
                List.of(RateLimit.perMinute(480), RateLimit.perHour(4800)));
    }

    /** No throttling, as on a self-hosted server without {@code RATE_LIMIT_ENABLED}. */
    public static PostHogRateLimits none() {
        return new PostHogRateLimits(List.of(), List.of(), List.of());
    }
}
