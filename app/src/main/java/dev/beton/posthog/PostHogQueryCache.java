package dev.beton.posthog;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Query answers kept for their category's TTL (Caffeine), keyed by project, category, SQL and
 * bound values. Concurrent askers of the same query share one request to PostHog; a failed
 * request is not kept.
 */
final class PostHogQueryCache {

    private final AsyncCache<Key, Outcome> answers;

    PostHogQueryCache(PostHogCacheProperties settings, Clock clock) {
        // Caffeine reads time from the injected clock, so TTLs follow fake time in tests.
        Ticker ticker = () -> ClockTimeMeter.epochNanos(clock);
        this.answers = Caffeine.newBuilder()
                .ticker(ticker)
                // Maintenance on the caller's thread: deterministic under a fake clock, no pool needed.
                .executor(Runnable::run)
                .maximumSize(settings.maxEntries())
                .expireAfter(Expiry.creating((Key key, Outcome outcome) ->
                        outcome.failure() == null ? settings.ttl(key.category()) : Duration.ZERO))
                .buildAsync();
    }

    /** Outcome of a lookup: the rows and whether they came from the cache. */
    record Answer(ResultRows rows, boolean hit) {}

    Answer get(String budgetKey, RenderedQuery query, QueryCategory category, Supplier<ResultRows> load) {
        Key key = new Key(budgetKey, category, query.sql(), query.parameters());
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> found = answers.get(key, (k, executor) -> mine);
        if (found != mine) {
            return new Answer(found.join().rowsOrThrow(), true);
        }
        try {
            ResultRows rows = load.get();
            mine.complete(new Outcome(rows, null));
            return new Answer(rows, false);
        } catch (RuntimeException e) {
            // Askers waiting on this request share its failure; the next one tries PostHog again.
            // A failure is a normal outcome here, so Caffeine does not log it as a broken load.
            answers.asMap().remove(key, mine);
            mine.complete(new Outcome(null, e));
            throw e;
        }
    }

    private record Outcome(ResultRows rows, RuntimeException failure) {
        ResultRows rowsOrThrow() {
            if (failure != null) {
                throw failure;
            }
            return rows;
        }
    }

    private record Key(
            String budgetKey, QueryCategory category, String sql, List<RenderedQuery.BoundParameter> values) {}
}
