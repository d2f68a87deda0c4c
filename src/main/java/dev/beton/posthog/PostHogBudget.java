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
        ConsumptionProbe probe = bucket(budgetKey, budgetClass).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Instant retryAt = clock.instant().plusNanos(probe.getNanosToWaitForRefill());
            throw new PostHogException.BudgetExhausted(
                    "Beton's " + budgetClass.id() + " budget for PostHog project " + budgetKey + " is used up"
                            + " (" + limits.perHour(budgetClass) + " per hour); nothing was sent. It refills at "
                            + retryAt.truncatedTo(ChronoUnit.SECONDS) + ".",
                    retryAt);
        }
        warnWhenNearlyUsed(budgetKey, budgetClass, probe.getRemainingTokens());
    }

    /** Calls left now, and the hourly limit; reading it costs no call to PostHog. */
    BudgetUsage usage(String budgetKey, BudgetClass budgetClass) {
        long remaining = bucket(budgetKey, budgetClass).getAvailableTokens();
        int perHour = limits.perHour(budgetClass);
        return new BudgetUsage(budgetClass, perHour, remaining, nearlyUsed(perHour, remaining));
    }

    String store() {
        return buckets.store();
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

    private Bucket bucket(String budgetKey, BudgetClass budgetClass) {
        return buckets.bucket(budgetKey + "#" + budgetClass.id(), () -> configuration(budgetClass));
    }

    private BucketConfiguration configuration(BudgetClass budgetClass) {
        var config = BucketConfiguration.builder().addLimit(aligned(limits.perHour(budgetClass), Duration.ofHours(1)));
        switch (budgetClass) {
            case ANALYTICS -> config.addLimit(aligned(limits.analyticsPerMinute(), Duration.ofMinutes(1)));
            case CRUD -> config.addLimit(aligned(limits.crudPerMinute(), Duration.ofMinutes(1)));
            case QUERY -> {}
        }
        return config.build();
    }

    // A full refill at every clock boundary: a fixed window, so "this hour" on the page is :00–:59.
    private Bandwidth aligned(int tokens, Duration period) {
        Instant now = clock.instant();
        Instant nextBoundary =
                Instant.ofEpochSecond((now.getEpochSecond() / period.toSeconds() + 1) * period.toSeconds());
        return Bandwidth.builder()
                .capacity(tokens)
                .refillIntervallyAligned(tokens, period, nextBoundary)
                .build();
    }

    /**
     * One bucket's state.
     *
     * @param perHour the hourly limit
     * @param remaining calls that may go out now (the tighter of minute and hour windows)
     * @param nearlyUsed whether the warning share of the hour is used
     */
    record BudgetUsage(BudgetClass budgetClass, int perHour, long remaining, boolean nearlyUsed) {
        long usedThisHour() {
            return Math.max(0, perHour - remaining);
        }
    }
}
