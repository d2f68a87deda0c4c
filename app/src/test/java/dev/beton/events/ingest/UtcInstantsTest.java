package dev.beton.events.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class UtcInstantsTest {

    @Test
    void readsTheSdkFormLikeTheGeneralParser() {
        for (String text : new String[] {
            "2026-01-01T00:00:00Z",
            "2026-03-01T10:11:12.5Z",
            "2026-03-01T10:11:12.123Z",
            "1999-12-31T23:59:59.123456789Z",
            "2024-02-29T00:00:00.000001Z",
            "0001-01-01T00:00:00Z"
        }) {
            assertThat(UtcInstants.parse(text))
                    .isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void leavesEveryOtherFormToTheGeneralParser() {
        for (String text : new String[] {
            "2026-01-01T00:00:00+01:00",
            "2026-01-01 00:00:00Z",
            "2026-01-01T00:00Z",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00.1234567890Z",
            "2026-02-30T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:60Z",
            "2026-0a-01T00:00:00Z",
            "+2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00z",
            "2026-01-01"
        }) {
            assertThat(UtcInstants.parse(text)).as(text).isNull();
        }
    }
}
