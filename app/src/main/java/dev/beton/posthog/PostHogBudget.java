package dev.beton.posthog;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beton's request budget per PostHog project and throttle class, in Bucket4j buckets. Every
 * window is aligned to the clock (minute or hour), so the hourly bucket refills at :00 and at most
 * the configured number of calls go out in any clock hour.
 */
final class PostHogBudget {

    private static final Logger LOG = LoggerFactory.getLogger(PostHogBudget.class);

    private final BudgetBuckets buckets;
    private final PostHogBudgetProperties limits;
    private final Clock clock;
    // Hour (epoch hours) of the last 80 % warning per bucket, so it is logged once per window.
    private final Map<String, Long> warnedHour = new ConcurrentHashMap<>();

    PostHogBudget(BudgetBuckets buckets, PostHogBudgetProperties limits, Clock clock) {
        this.buckets = buckets;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Takes one call from the budget, or refuses.
     *
     * @throws PostHogException.BudgetExhausted with the instant the bucket refills
     */
    void take(String budgetKey, BudgetClass budgetClass) {
        // The per-minute window (insights and CRUD) is a bucket of its own, so the hourly bucket
        // always tells exactly how much of the hour is used.
        Bucket minute = minuteLimit(budgetClass) > 0 ? minuteBucket(budgetKey, budgetClass) : null;
        if (minute != null) {
            ConsumptionProbe probe = minute.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw exhausted(budgetKey, budgetClass, minuteLimit(budgetClass) + " per minute", probe);
            }
        }
        ConsumptionProbe probe = hourBucket(budgetKey, budgetClass).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            if (minute != null) {
                minute.addTokens(1);
            }
            throw exhausted(budgetKey, budgetClass, limits.perHour(budgetClass) + " per hour", probe);
        }
        warnWhenNearlyUsed(budgetKey, budgetClass, probe.getRemainingTokens());
    }

    /** Calls left in this clock hour, and the hourly limit; reading it costs no call to PostHog. */
    BudgetUsage usage(String budgetKey, BudgetClass budgetClass) {
        long remaining = hourBucket(budgetKey, budgetClass).getAvailableTokens();
        int perHour = limits.perHour(budgetClass);
        return new BudgetUsage(budgetClass, perHour, remaining, nearlyUsed(perHour, remaining));
    }

    /** The configured hourly limit, without reading a bucket. */
    int perHour(BudgetClass budgetClass) {
        return limits.perHour(budgetClass);
    }

    String store() {
        return buckets.store();
    }

    private PostHogException.BudgetExhausted exhausted(
            String budgetKey, BudgetClass budgetClass, String limit, ConsumptionProbe probe) {
        Instant retryAt = clock.instant().plusNanos(probe.getNanosToWaitForRefill());
        return new PostHogException.BudgetExhausted(
                "Beton's " + budgetClass.id() + " budget for PostHog project " + budgetKey + " is used up (" + limit
                        + "); nothing was sent. It refills at " + retryAt.truncatedTo(ChronoUnit.SECONDS) + ".",
                retryAt);
    }

    private void warnWhenNearlyUsed(String budgetKey, BudgetClass budgetClass, long remaining) {
        int perHour = limits.perHour(budgetClass);
        if (!nearlyUsed(perHour, remaining)) {
            return;
        }
        long hour = clock.instant().getEpochSecond() / 3600;
        Long before = warnedHour.put(budgetKey + "#" + budgetClass.id(), hour);
        if (before == null || before != hour) {
            LOG.warn(
                    "Beton has used {} % of its {} budget for PostHog project {} this hour ({} of {}); calls beyond it"
                            + " wait for the next hour.",
                    Math.round(100.0 * (perHour - remaining) / perHour),
                    budgetClass.id(),
                    budgetKey,
                    perHour - remaining,
                    perHour);
        }
    }

    private boolean nearlyUsed(int perHour, long remaining) {
        return perHour - remaining >= Math.ceil(limits.warnAt() * perHour);
    }

    private int minuteLimit(BudgetClass budgetClass) {
        return switch (budgetClass) {
            case QUERY -> 0;
            case ANALYTICS -> limits.analyticsPerMinute();
            case CRUD -> limits.crudPerMinute();
        };
    }

    private Bucket hourBucket(String budgetKey, BudgetClass budgetClass) {
        return buckets.bucket(
                budgetKey + "#" + budgetClass.id(),
                () -> configuration(limits.perHour(budgetClass), Duration.ofHours(1)));
    }

    private Bucket minuteBucket(String budgetKey, BudgetClass budgetClass) {
        return buckets.bucket(
                budgetKey + "#" + budgetClass.id() + "#minute",
                () -> configuration(minuteLimit(budgetClass), Duration.ofMinutes(1)));
    }

    // A full refill at every clock boundary: a fixed window, so "this hour" on the page is :00–:59.
    private BucketConfiguration configuration(int tokens, Duration period) {
        Instant now = clock.instant();
        Instant nextBoundary =
                Instant.ofEpochSecond((now.getEpochSecond() / period.toSeconds() + 1) * period.toSeconds());
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(tokens)
                        .refillIntervallyAligned(tokens, period, nextBoundary)
                        .build())
                .build();
    }

    /**
     * One bucket's state.
     *
     * @param perHour the hourly limit
     * @param remaining calls left in this clock hour (a per-minute window may still hold some back)
     * @param nearlyUsed whether the warning share of the hour is used
     */
    record BudgetUsage(BudgetClass budgetClass, int perHour, long remaining, boolean nearlyUsed) {
        long usedThisHour() {
            return Math.max(0, perHour - remaining);
        }
    }
}
