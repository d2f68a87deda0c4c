package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxPropertiesTest {

    private final OutboxProperties properties =
            new OutboxProperties(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1), 12, 5000);

    @Test
    void theWaitDoublesAfterEachFailedAttemptUpToTheCeiling() {
        assertThat(properties.retryAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.retryAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.retryAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(properties.retryAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(properties.retryAfter(1_000)).isEqualTo(Duration.ofHours(1));
    }
}
