package dev.beton.posthog;

import java.time.Instant;

/**
 * What Beton spent on one PostHog project, for the Connections page; read without calling PostHog.
 *
 * @param store where the budget is kept: "postgresql" (shared by every instance) or "memory"
 * @param queriesUsedThisHour {@code /query/} calls in the current clock hour
 * @param queriesPerHour the configured hourly query budget
 * @param queriesRemaining queries that may still go out this hour
 * @param nearlyUsed whether the warning share (80 % by default) of the hour is used
 * @param insightsRemaining {@code /insights/} calls left this hour (at most 240 a minute)
 * @param crudRemaining other API calls left this hour (at most 480 a minute)
 * @param cacheHits cached-category queries answered from the cache since start
 * @param cacheMisses cached-category queries sent to PostHog since start
 * @param lastRateLimited when PostHog last answered 429, or null if it has not since start
 * @param breaker the query circuit breaker: CLOSED, OPEN or HALF_OPEN
 */
public record PostHogUsage(
        String store,
        long queriesUsedThisHour,
        int queriesPerHour,
        long queriesRemaining,
        boolean nearlyUsed,
        long insightsRemaining,
        long crudRemaining,
        long cacheHits,
        long cacheMisses,
        Instant lastRateLimited,
        String breaker) {

    /** Share of cached-category queries answered from the cache, 0..1; 0 before the first one. */
    public double cacheHitRate() {
        long total = cacheHits + cacheMisses;
        return total == 0 ? 0 : (double) cacheHits / total;
    }

    /** The hit rate as a whole percentage, for the page. */
    public long cacheHitPercent() {
        return Math.round(100 * cacheHitRate());
    }
}
