package dev.beton.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.emulator.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValidationRateLimitTest {

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private final ValidationRateLimit limit = new ValidationRateLimit(clock);

    @Test
    void fiveValidationsAMinutePerWorkspaceAndIntegrationThenAWait() {
        for (int i = 0; i < ValidationRateLimit.PER_MINUTE; i++) {
            limit.acquire(1, Integration.POSTHOG);
        }

        assertThatThrownBy(() -> limit.acquire(1, Integration.POSTHOG))
                .isInstanceOfSatisfying(ConnectionFailure.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d)
                            .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60)));
                });
        assertThatCode(() -> limit.acquire(2, Integration.POSTHOG)).doesNotThrowAnyException();
        assertThatCode(() -> limit.acquire(1, Integration.ATTIO)).doesNotThrowAnyException();

        clock.advance(Duration.ofMinutes(1));
        assertThatCode(() -> limit.acquire(1, Integration.POSTHOG)).doesNotThrowAnyException();
    }
}
