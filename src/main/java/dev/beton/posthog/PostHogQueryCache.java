package dev.beton.posthog;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Query answers kept for their category's TTL (Caffeine), keyed by project, category, SQL and
 * bound values. Concurrent askers of the same query share one request to PostHog; a failed
 * request is not kept.
 */
final class PostHogQueryCache {

    private final AsyncCache<Key, ResultRows> answers;

    PostHogQueryCache(PostHogCacheProperties settings, Clock clock) {
        // Caffeine reads time from the injected clock, so TTLs follow fake time in tests.
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.answers = Caffeine.newBuilder()
                .ticker(ticker)
                // Maintenance on the caller's thread: deterministic under a fake clock, no pool needed.
                .executor(Runnable::run)
                .maximumSize(settings.maxEntries())
                .expireAfter(Expiry.creating((Key key, ResultRows rows) -> settings.ttl(key.category())))
                .buildAsync();
    }

    /** Outcome of a lookup: the rows and whether they came from the cache. */
    record Answer(ResultRows rows, boolean hit) {}

    Answer get(String budgetKey, RenderedQuery query, QueryCategory category, Supplier<ResultRows> load) {
        Key key = new Key(budgetKey, category, query.sql(), query.parameters());
        CompletableFuture<ResultRows> mine = new CompletableFuture<>();
        CompletableFuture<ResultRows> found = answers.get(key, (k, executor) -> mine);
        if (found != mine) {
            return new Answer(join(found), true);
        }
        try {
            ResultRows rows = load.get();
            mine.complete(rows);
            return new Answer(rows, false);
        } catch (RuntimeException e) {
            // Caffeine drops a future that failed, so the next asker tries PostHog again.
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static ResultRows join(CompletableFuture<ResultRows> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private record Key(
            String budgetKey, QueryCategory category, String sql, List<RenderedQuery.BoundParameter> values) {}
}
