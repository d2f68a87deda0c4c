package dev.beton.posthog;

import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The one way Beton calls PostHog's private API: every call spends Beton's budget for the
 * project (Bucket4j), is retried on 5xx, timeouts and 429 (Resilience4j), goes through the
 * project's circuit breaker, and query answers of cached categories are reused for their TTL
 * (Caffeine). See {@code docs/POSTHOG-BUDGET.md}.
 */
public final class PostHogGateway {

    static final String FORCE_BLOCKING = "force_blocking";
    // PostHog's default: its own cache when fresh, else computed synchronously.
    static final String BLOCKING = "blocking";

    private final PostHogBudget budget;
    private final PostHogResilience resilience;
    private final PostHogQueryCache cache;
    private final PostHogMetrics metrics;

    private PostHogGateway(
            PostHogBudget budget, PostHogResilience resilience, PostHogQueryCache cache, PostHogMetrics metrics) {
        this.budget = budget;
        this.resilience = resilience;
        this.cache = cache;
        this.metrics = metrics;
    }

    /**
     * Runs a HogQL query. {@link QueryCategory#DETECTION} always goes to PostHog with
     * {@code refresh: force_blocking}; every other category is answered from the cache while its
     * TTL lasts.
     *
     * @throws PostHogException.BudgetExhausted when this hour's query budget is used (nothing sent)
     * @throws PostHogException.CircuitOpen after repeated failures (nothing sent)
     * @throws PostHogException any other failure, after retries where they make sense
     */
    public ResultRows query(PostHogTarget target, RenderedQuery query, QueryCategory category) {
        Objects.requireNonNull(category, "category");
        if (category == QueryCategory.DETECTION) {
            return send(target, query, FORCE_BLOCKING);
        }
        PostHogQueryCache.Answer answer = cache.get(cacheScope(target), query, category, () -> {
            // A miss is counted when the cache cannot answer, even if the budget then refuses the call.
            metrics.cacheMiss(target);
            return send(target, query, BLOCKING);
        });
        if (answer.hit()) {
            metrics.cacheHit(target);
        }
        return answer.rows();
    }

    /** Detection's runner for one project: never cached, {@code force_blocking}, budgeted, retried. */
    public QueryRunner detectionRunner(PostHogTarget target) {
        Objects.requireNonNull(target, "target");
        // PostHogQueryRunner refuses answers with rows held back (hasMore): detection on part of
        // the accounts would fire wrong signals. Each attempt spends budget and passes the breaker.
        QueryRunner bare = PostHogQueryRunner.of(target.client(), target.key(), target.projectId());
        return query -> resilience.call(target, BudgetClass.QUERY, () -> bare.run(query));
    }

    /** A dashboard or other CRUD call (not {@code /insights/}): CRUD budget, retried, breaker. */
    public <T> T crud(PostHogTarget target, Supplier<T> call) {
        return resilience.call(target, BudgetClass.CRUD, call);
    }

    /** An {@code /insights/} call, which PostHog throttles more tightly: insights budget, retried, breaker. */
    public <T> T analytics(PostHogTarget target, Supplier<T> call) {
        return resilience.call(target, BudgetClass.ANALYTICS, call);
    }

    /**
     * An insight recomputed on PostHog's side ({@code …/insights/{id}/?refresh=true}): it runs a
     * query like the query API does, so it first spends one call of the hourly query budget
     * (refused with {@link PostHogException.BudgetExhausted} when that is used up, nothing sent),
     * then goes like any {@code /insights/} call (insights budget, retried, breaker). This keeps
     * query-API calls and refreshes together within the query budget.
     */
    public <T> T insightRefresh(PostHogTarget target, Supplier<T> call) {
        budget.take(target.budgetKey(), BudgetClass.QUERY);
        return resilience.call(target, BudgetClass.ANALYTICS, call);
    }

    /** The figures of one project for the page; costs no call to PostHog. */
    public PostHogUsage usage(URI host, long projectId) {
        String key = host.toString().replaceAll("/+$", "") + "/" + projectId;
        PostHogBudget.BudgetUsage queries = budget.usage(key, BudgetClass.QUERY);
        PostHogMetrics.Snapshot seen = metrics.snapshot(key);
        return new PostHogUsage(
                budget.store(),
                queries.usedThisHour(),
                queries.perHour(),
                queries.remaining(),
                queries.nearlyUsed(),
                budget.usage(key, BudgetClass.ANALYTICS).remaining(),
                budget.usage(key, BudgetClass.CRUD).remaining(),
                seen.cacheHits(),
                seen.cacheMisses(),
                seen.lastRateLimited(),
                resilience.breakerState(key, BudgetClass.QUERY));
    }

    /**
     * Answers are shared per project and key, not per project: another workspace (or a revoked
     * key) on the same project must not read what only this key was allowed to fetch. The key
     * itself is never kept, only a digest of it.
     */
    private static String cacheScope(PostHogTarget target) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(target.key().reveal().getBytes(StandardCharsets.UTF_8));
            return target.budgetKey() + "#" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private ResultRows send(PostHogTarget target, RenderedQuery query, String refresh) {
        return resilience.call(target, BudgetClass.QUERY, () -> target.client()
                .query(target.key(), target.projectId(), query, refresh));
    }

    /** A gateway outside Spring (benchmarks, tests); in-memory budget unless {@link Builder#postgres}. */
    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    /** Configuration of a gateway; every part has the documented default. */
    public static final class Builder {
        private final Clock clock;
        private PostHogBudgetProperties budget = PostHogBudgetProperties.defaults();
        private PostHogRetryProperties retry = PostHogRetryProperties.defaults();
        private PostHogCacheProperties cache = PostHogCacheProperties.defaults();
        private MeterRegistry registry = new SimpleMeterRegistry();
        private Consumer<Duration> wait = Builder::sleep;
        private DataSource postgres;

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        public Builder budget(PostHogBudgetProperties budget) {
            this.budget = Objects.requireNonNull(budget);
            return this;
        }

        public Builder retry(PostHogRetryProperties retry) {
            this.retry = Objects.requireNonNull(retry);
            return this;
        }

        public Builder cache(PostHogCacheProperties cache) {
            this.cache = Objects.requireNonNull(cache);
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry);
            return this;
        }

        /** How a retry waits; {@code Thread.sleep} by default, a fake-clock advance in tests. */
        public Builder waitWith(Consumer<Duration> wait) {
            this.wait = Objects.requireNonNull(wait);
            return this;
        }

        /** Keep the budget in this PostgreSQL database (table of migration V40), shared by instances. */
        public Builder postgres(DataSource dataSource) {
            this.postgres = Objects.requireNonNull(dataSource);
            return this;
        }

        public PostHogGateway build() {
            BudgetBuckets buckets =
                    postgres == null ? BudgetBuckets.inMemory(clock) : BudgetBuckets.postgres(postgres, clock);
            PostHogBudget spending = new PostHogBudget(buckets, budget, clock);
            PostHogMetrics metrics = new PostHogMetrics(registry, spending);
            return new PostHogGateway(
                    spending,
                    new PostHogResilience(spending, retry, clock, wait, metrics),
                    new PostHogQueryCache(cache, clock),
                    metrics);
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PostHogException.Unreachable("Interrupted while waiting to retry PostHog.", e);
            }
        }
    }
}
