package dev.beton.routing;

import dev.beton.posthog.ClockTimeMeter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Attio's documented limits per token — 25 writes and 100 reads per second — as Bucket4j buckets,
 * kept in PostgreSQL ({@code attio_budget_bucket}, V60) when Beton's state is there, so every
 * instance spends one budget; in memory on the embedded H2. A caller waits for its turn rather than
 * being refused: Attio would answer 429 anyway, and the outbox has nothing better to do.
 */
@Component
class AttioBudget {

    enum Kind {
        READ,
        WRITE
    }

    private static final long MIN_WAIT_NANOS = 100_000L;
    private static final long MAX_WAIT_NANOS = 1_000_000_000L;

    private final Function<String, Bucket> reads;
    private final Function<String, Bucket> writes;
    private final String store;

    AttioBudget(DataSource dataSource, RoutingProperties properties, Clock clock) {
        BucketConfiguration readLimit = perSecond(properties.readsPerSecond());
        BucketConfiguration writeLimit = perSecond(properties.writesPerSecond());
        ClockTimeMeter time = new ClockTimeMeter(clock);
        if (onPostgres(dataSource)) {
            ProxyManager<String> proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table("attio_budget_bucket")
                    .idColumn("id")
                    .stateColumn("state")
                    .clientClock(time)
                    .build();
            reads = key -> proxies.getProxy(key + "#read", () -> readLimit);
            writes = key -> proxies.getProxy(key + "#write", () -> writeLimit);
            store = "postgresql";
        } else {
            Map<String, Bucket> buckets = new ConcurrentHashMap<>();
            reads = key -> buckets.computeIfAbsent(key + "#read", k -> local(readLimit, time));
            writes = key -> buckets.computeIfAbsent(key + "#write", k -> local(writeLimit, time));
            store = "memory";
        }
    }

    /** Waits until the token may send one more request of this kind. */
    void take(String tokenKey, Kind kind) {
        Bucket bucket = (kind == Kind.READ ? reads : writes).apply(tokenKey);
        while (true) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return;
            }
            // Wake exactly when the next token is due: at 25 writes/s a token comes every 40 ms, and
            // sleeping whole milliseconds past it (as Thread.sleep(ms + 1) did) lost ~3 % of the limit.
            sleep(Duration.ofNanos(Math.max(MIN_WAIT_NANOS, probe.getNanosToWaitForRefill())));
        }
    }

    String store() {
        return store;
    }

    private static BucketConfiguration perSecond(int limit) {
        // One token every 1/limit s and no stored burst: a full bucket of `limit` plus a second of
        // refill would let 2 × limit requests into one second, and Attio counts a sliding second.
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(1)
                        .refillGreedy(1, Duration.ofNanos(1_000_000_000L / Math.max(1, limit)))
                        .build())
                .build();
    }

    private static Bucket local(BucketConfiguration configuration, ClockTimeMeter time) {
        var builder = Bucket.builder().withCustomTimePrecision(time);
        for (Bandwidth limit : configuration.getBandwidths()) {
            builder.addLimit(limit);
        }
        return builder.build();
    }

    private static void sleep(Duration wait) {
        // At most a second at a time: a test's clock may not move while real time does.
        LockSupport.parkNanos(Math.min(wait.toNanos(), MAX_WAIT_NANOS));
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while waiting for Attio's rate limit");
        }
    }

    private static boolean onPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            // H2 in PostgreSQL mode still names itself "H2".
            return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not tell which database keeps Beton's state", e);
        }
    }
}
