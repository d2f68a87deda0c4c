package dev.beton.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlidingWindowLimiterTest {

    @ParameterizedTest(name = "limit {0}: request {1} waits {2} ms")
    @CsvSource({
        // limit, requests made 100 ms apart before the probe, expected wait of the probe (ms, -1 = allowed)
        "3, 2, -1",
        "3, 3, 700",
        "1, 1, 900",
        "5, 5, 500",
    })
    void waitsUntilTheOldestRequestLeavesTheWindow(int limit, int before, long expectedWaitMillis) {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(limit, Duration.ofSeconds(1), clock);
        for (int i = 0; i < before; i++) {
            assertThat(limiter.tryAcquire("k")).isEmpty();
            clock.advance(Duration.ofMillis(100));
        }

        var wait = limiter.tryAcquire("k");

        if (expectedWaitMillis < 0) {
            assertThat(wait).isEmpty();
        } else {
            assertThat(wait).hasValue(Duration.ofMillis(expectedWaitMillis));
        }
    }

    @Test
    void refusedRequestsDoNotCountAndKeysAreIndependent() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, Duration.ofSeconds(1), clock);

        assertThat(limiter.tryAcquire("a")).isEmpty();
        assertThat(limiter.tryAcquire("a")).isPresent();
        assertThat(limiter.tryAcquire("b")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("a")).isEmpty();
    }

    @Test
    void nonsenseLimitsFailFast() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> new SlidingWindowLimiter(0, Duration.ofSeconds(1), clock))
                .hasMessageContaining("limit >= 1");
        assertThatThrownBy(() -> new SlidingWindowLimiter(1, Duration.ZERO, clock))
                .hasMessageContaining("positive");
    }
}
