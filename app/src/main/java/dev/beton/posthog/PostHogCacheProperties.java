package dev.beton.posthog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a query answer is reused, per {@link QueryCategory} ({@code beton.posthog.cache.*});
 * seed 001's figures by default. Ad-hoc queries get 2 minutes: long enough that a person paging
 * back and forth does not spend budget, short enough that a re-run after new events shows them.
 *
 * @param maxEntries answers kept at most, across all projects (least recently used go first)
 */
@ConfigurationProperties("beton.posthog.cache")
public record PostHogCacheProperties(
        @DefaultValue("60s") Duration signalEvents,
        @DefaultValue("5m") Duration overview,
        @DefaultValue("15m") Duration pqlPerformance,
        @DefaultValue("60m") Duration backtesting,
        @DefaultValue("2m") Duration adHoc,
        @DefaultValue("10000") long maxEntries) {

    public PostHogCacheProperties {
        for (Duration ttl : new Duration[] {signalEvents, overview, pqlPerformance, backtesting, adHoc}) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("beton.posthog.cache TTLs must not be negative");
            }
        }
        if (maxEntries < 0) {
            throw new IllegalArgumentException("beton.posthog.cache.max-entries must not be negative");
        }
    }

    public static PostHogCacheProperties defaults() {
        return PropertyDefaults.of("beton.posthog.cache", PostHogCacheProperties.class);
    }

    /** Zero for {@link QueryCategory#DETECTION}, which is never cached. */
    Duration ttl(QueryCategory category) {
        return switch (category) {
            case DETECTION -> Duration.ZERO;
            case SIGNAL_EVENTS -> signalEvents;
            case OVERVIEW -> overview;
            case PQL_PERFORMANCE -> pqlPerformance;
            case BACKTESTING -> backtesting;
            case AD_HOC -> adHoc;
        };
    }
}
