package dev.beton.detection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sending signals and scores back to PostHog ({@code beton.posthog.outbox.*}).
 *
 * @param interval how often the outbox is looked at
 * @param firstRetry wait after the first failed attempt; doubled after each further one
 * @param longestRetry the longest wait between two attempts
 * @param maxAttempts attempts before an event is given up on (and shown as abandoned)
 * @param batch most events sent per look
 */
@ConfigurationProperties("beton.posthog.outbox")
public record OutboxProperties(
        @DefaultValue("30s") Duration interval,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration longestRetry,
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("5000") int batch) {

    /** Exponential: firstRetry × 2^(attempts − 1), capped; attempts counts the one that just failed. */
    Duration retryAfter(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = firstRetry.multipliedBy(factor);
        return wait.compareTo(longestRetry) > 0 ? longestRetry : wait;
    }
}
