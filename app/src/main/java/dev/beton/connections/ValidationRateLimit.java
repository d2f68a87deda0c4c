package dev.beton.connections;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.beton.posthog.ClockTimeMeter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Seed 002's own limit: 5 credential validations per minute per workspace and integration, so a pasted-key loop
 * cannot hammer PostHog or Attio in the workspace's name. Buckets run on the injected clock.
 */
@Component
class ValidationRateLimit {

    static final int PER_MINUTE = 5;

    private final Cache<Key, Bucket> buckets =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();
    private final TimeMeter time;

    ValidationRateLimit(Clock clock) {
        this.time = new ClockTimeMeter(clock);
    }

    private record Key(long workspaceId, Integration integration) {}

    /** Takes one validation from the workspace's budget for an integration, or fails with {@code rate_limited}. */
    void acquire(long workspaceId, Integration integration) {
        ConsumptionProbe probe = buckets.get(new Key(workspaceId, integration), id -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ConnectionFailure(
                    ErrorType.RATE_LIMITED,
                    "Rate limit exceeded. Maximum " + PER_MINUTE + " validation requests per minute; try again in "
                            + seconds + " seconds.",
                    Duration.ofSeconds(seconds));
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(PER_MINUTE)
                        .refillIntervally(PER_MINUTE, Duration.ofMinutes(1))
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }
}
