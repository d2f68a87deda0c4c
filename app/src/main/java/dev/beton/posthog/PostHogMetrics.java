package dev.beton.posthog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters per PostHog project, tagged by host and project id (never by key), shown on
 * {@code /actuator/prometheus} and read back for the Connections page.
 */
final class PostHogMetrics {

    private final MeterRegistry registry;
    private final PostHogBudget budget;
    private final Map<String, ProjectMeters> projects = new ConcurrentHashMap<>();

    PostHogMetrics(MeterRegistry registry, PostHogBudget budget) {
        this.registry = registry;
        this.budget = budget;
    }

    void sent(PostHogTarget target, BudgetClass budgetClass) {
        of(target).sent.get(budgetClass).increment();
    }

    void retried(PostHogTarget target, BudgetClass budgetClass) {
        of(target).retried.get(budgetClass).increment();
    }

    void rateLimited(PostHogTarget target, Instant at) {
        of(target).lastRateLimited.set(at);
    }

    void cacheHit(PostHogTarget target) {
        of(target).hits.increment();
    }

    void cacheMiss(PostHogTarget target) {
        of(target).misses.increment();
    }

    /** Hits, misses and the last 429 of a project; zeros when Beton has not called it yet. */
    Snapshot snapshot(String budgetKey) {
        ProjectMeters meters = projects.get(budgetKey);
        if (meters == null) {
            return new Snapshot(0, 0, null);
        }
        return new Snapshot((long) meters.hits.count(), (long) meters.misses.count(), meters.lastRateLimited.get());
    }

    record Snapshot(long cacheHits, long cacheMisses, Instant lastRateLimited) {}

    private ProjectMeters of(PostHogTarget target) {
        return projects.computeIfAbsent(target.budgetKey(), key -> new ProjectMeters(key, target));
    }

    static String hostTag(URI baseUrl) {
        return baseUrl.getHost() + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort());
    }

    private final class ProjectMeters {
        final Map<BudgetClass, Counter> sent = new EnumMap<>(BudgetClass.class);
        final Map<BudgetClass, Counter> retried = new EnumMap<>(BudgetClass.class);
        final Counter hits;
        final Counter misses;
        final AtomicReference<Instant> lastRateLimited = new AtomicReference<>();

        ProjectMeters(String budgetKey, PostHogTarget target) {
            Tags tags =
                    Tags.of("host", hostTag(target.client().baseUrl()), "project", Long.toString(target.projectId()));
            for (BudgetClass budgetClass : BudgetClass.values()) {
                Tags classTags = tags.and("class", budgetClass.id());
                sent.put(
                        budgetClass,
                        Counter.builder("beton.posthog.requests")
                                .description("Requests sent to PostHog, retries included")
                                .tags(classTags)
                                .register(registry));
                retried.put(
                        budgetClass,
                        Counter.builder("beton.posthog.retries")
                                .description("Requests sent again after a 5xx, a timeout or a 429")
                                .tags(classTags)
                                .register(registry));
                gauge(
                        "beton.posthog.budget.used",
                        "Calls of the budget used in this clock hour",
                        classTags,
                        b -> b.usage(budgetKey, budgetClass).usedThisHour());
                gauge("beton.posthog.budget.remaining", "Calls left in this clock hour", classTags, b -> b.usage(
                                budgetKey, budgetClass)
                        .remaining());
                gauge(
                        "beton.posthog.budget.limit",
                        "Calls allowed per clock hour",
                        classTags,
                        b -> b.perHour(budgetClass));
            }
            hits = Counter.builder("beton.posthog.cache.requests")
                    .description("Cached query categories: answered from the cache")
                    .tags(tags.and("result", "hit"))
                    .register(registry);
            misses = Counter.builder("beton.posthog.cache.requests")
                    .description("Cached query categories: sent to PostHog")
                    .tags(tags.and("result", "miss"))
                    .register(registry);
            Gauge.builder("beton.posthog.rate.limited.last", lastRateLimited, last -> {
                        Instant at = last.get();
                        return at == null ? 0 : at.getEpochSecond();
                    })
                    .description("When PostHog last answered 429 (epoch seconds, 0 = never)")
                    .baseUnit("seconds")
                    .tags(tags)
                    .register(registry);
        }

        private void gauge(String name, String description, Tags tags, ToDoubleFunction<PostHogBudget> read) {
            Gauge.builder(name, budget, b -> {
                        try {
                            return read.applyAsDouble(b);
                        } catch (RuntimeException unreadable) {
                            // A scrape must not fail because the budget's database is briefly away.
                            return Double.NaN;
                        }
                    })
                    .description(description)
                    .tags(tags)
                    .register(registry);
        }
    }
}
