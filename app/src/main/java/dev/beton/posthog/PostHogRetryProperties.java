package dev.beton.posthog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retries and the circuit breaker around PostHog calls ({@code beton.posthog.retry.*}).
 *
 * @param maxAttempts attempts of one call, the first included
 * @param initialBackoff wait before the first retry after a 5xx or a timeout
 * @param multiplier growth of the wait per retry
 * @param jitter randomization of each wait, 0..1 (0.5: between half and one and a half times)
 * @param maxBackoff longest wait between two attempts
 * @param maxRetryAfter longest {@code Retry-After} Beton waits for; a longer one fails the call
 *     at once with {@link PostHogException.RateLimited}, so no caller hangs for minutes
 * @param breakerWindow calls the breaker looks back on
 * @param breakerMinimumCalls calls before the breaker judges a failure rate
 * @param breakerFailureRate percentage of failed calls that opens the breaker
 * @param breakerOpenFor how long an open breaker refuses calls before letting one trial through
 */
@ConfigurationProperties("beton.posthog.retry")
public record PostHogRetryProperties(
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("0.5") double jitter,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("60s") Duration maxRetryAfter,
        @DefaultValue("10") int breakerWindow,
        @DefaultValue("5") int breakerMinimumCalls,
        @DefaultValue("50") float breakerFailureRate,
        @DefaultValue("60s") Duration breakerOpenFor) {

    public PostHogRetryProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("beton.posthog.retry.max-attempts must be at least 1");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("beton.posthog.retry.jitter must be in [0, 1), got " + jitter);
        }
        if (breakerMinimumCalls < 1 || breakerWindow < breakerMinimumCalls) {
            throw new IllegalArgumentException(
                    "beton.posthog.retry.breaker-window must be at least breaker-minimum-calls, and both at least 1");
        }
    }

    public static PostHogRetryProperties defaults() {
        return PropertyDefaults.of("beton.posthog.retry", PostHogRetryProperties.class);
    }
}
