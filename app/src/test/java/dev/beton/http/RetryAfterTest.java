package dev.beton.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse(" 7 ", NOW)).contains(Duration.ofSeconds(7));
    }

    @Test
    void readsAnHttpDateAsTheWaitFromNow() {
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void garbageAndAbsurdDelaysAreIgnored() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("999999999", NOW)).isEmpty();
    }

    @Test
    void everyVendorSharesOneStatusTable() {
        assertThat(FailedAnswer.of(401)).isEqualTo(FailedAnswer.UNAUTHORIZED);
        assertThat(FailedAnswer.of(403)).isEqualTo(FailedAnswer.FORBIDDEN);
        assertThat(FailedAnswer.of(404)).isEqualTo(FailedAnswer.NOT_FOUND);
        assertThat(FailedAnswer.of(429)).isEqualTo(FailedAnswer.RATE_LIMITED);
        assertThat(FailedAnswer.of(500)).isEqualTo(FailedAnswer.API_ERROR);
        assertThat(FailedAnswer.of(422)).isEqualTo(FailedAnswer.API_ERROR);
    }
}
