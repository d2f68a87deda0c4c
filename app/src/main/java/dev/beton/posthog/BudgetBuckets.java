package dev.beton.posthog;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Where the buckets live: in this JVM on the embedded default, or in PostgreSQL (table
 * {@code posthog_budget_bucket}, migration V40) so that every Beton instance on the same database
 * spends one budget per PostHog project.
 */
interface BudgetBuckets {

    /** The bucket named {@code key}, created with {@code configuration} when it does not exist yet. */
    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);

    /** "postgresql" or "memory", for the docs and the page. */
    String store();

    static BudgetBuckets inMemory(Clock clock) {
        ClockTimeMeter time = new ClockTimeMeter(clock);
        Map<String, Bucket> buckets = new ConcurrentHashMap<>();
        return new BudgetBuckets() {
            @Override
            public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
                return buckets.computeIfAbsent(key, k -> {
                    var builder = Bucket.builder().withCustomTimePrecision(time);
                    for (var limit : configuration.get().getBandwidths()) {
                        builder.addLimit(limit);
                    }
                    return builder.build();
                });
            }

            @Override
            public String store() {
                return "memory";
            }
        };
    }

    static BudgetBuckets postgres(DataSource dataSource, Clock clock) {
        // SELECT … FOR UPDATE on the bucket's row serializes instances without advisory-lock ids,
        // which would need the text key hashed into a long.
        ProxyManager<String> proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("posthog_budget_bucket")
                .idColumn("id")
                .stateColumn("state")
                .clientClock(new ClockTimeMeter(clock))
                .build();
        return new BudgetBuckets() {
            @Override
            public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
                return proxies.getProxy(key, configuration);
            }

            @Override
            public String store() {
                return "postgresql";
            }
        };
    }
}
