package dev.beton.bizevents;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Posting critical alerts to the workspace's incoming webhook ({@code
 * beton.business-events.webhook.*}).
 *
 * @param interval how often the queue is looked at for retries (the first attempt is immediate)
 * @param firstRetry wait after the first failed attempt; doubled after each further one
 * @param longestRetry the longest wait between two attempts
 * @param maxAttempts attempts before a delivery is abandoned (and shown as such)
 * @param timeout how long one POST may take
 */
@ConfigurationProperties("beton.business-events.webhook")
record AlertWebhookProperties(
        @DefaultValue("10s") Duration interval,
        @DefaultValue("10s") Duration firstRetry,
        @DefaultValue("1h") Duration longestRetry,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("5s") Duration timeout) {

    AlertWebhookProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("beton.business-events.webhook.max-attempts must be at least 1.");
        }
        if (firstRetry.isNegative() || firstRetry.isZero() || longestRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException(
                    "beton.business-events.webhook.first-retry must be positive and not above longest-retry.");
        }
    }

    /** Exponential backoff (Resilience4j's): the wait after the given number of failed attempts. */
    Duration retryAfter(int failedAttempts) {
        IntervalFunction backoff =
                IntervalFunction.ofExponentialBackoff(firstRetry.toMillis(), 2.0, longestRetry.toMillis());
        return Duration.ofMillis(backoff.apply(Math.max(1, failedAttempts)));
    }
}
