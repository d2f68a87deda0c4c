package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.bizevents.SummaryDays.Range;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which stretches of a summary period are read from day rows and which from the typed rows. */
class SummaryDaysTest {

    @Test
    void wholeDaysInsideEachHalfComeFromDayRowsTheCutDaysFromTheRows() {
        SummaryDays split =
                SummaryDays.of(at("2026-01-01T10:00:00Z"), at("2026-01-16T10:00:00Z"), at("2026-01-31T10:00:00Z"));

        assertThat(split.days())
                .containsExactly(
                        new Range<>(day("2026-01-02"), day("2026-01-16")),
                        new Range<>(day("2026-01-17"), day("2026-01-31")));
        assertThat(split.firstHalfBefore()).isEqualTo(day("2026-01-16"));
        assertThat(split.raw())
                .containsExactly(
                        new Range<>(at("2026-01-01T10:00:00Z"), at("2026-01-02T00:00:00Z")),
                        new Range<>(at("2026-01-16T00:00:00Z"), at("2026-01-17T00:00:00Z")),
                        new Range<>(at("2026-01-31T00:00:00Z"), at("2026-01-31T10:00:00Z")));
    }

    @Test
    void aPeriodOfWholeDaysWithItsMiddleAtMidnightReadsNoRows() {
        SummaryDays split =
                SummaryDays.of(at("2026-01-01T00:00:00Z"), at("2026-01-11T00:00:00Z"), at("2026-01-21T00:00:00Z"));

        assertThat(split.days())
                .containsExactly(
                        new Range<>(day("2026-01-01"), day("2026-01-11")),
                        new Range<>(day("2026-01-11"), day("2026-01-21")));
        assertThat(split.firstHalfBefore()).isEqualTo(day("2026-01-11"));
        assertThat(split.raw()).isEmpty();
    }

    @Test
    void aPeriodWithinOneOrTwoDaysIsReadFromTheRowsAlone() {
        SummaryDays inOneDay =
                SummaryDays.of(at("2026-01-01T01:00:00Z"), at("2026-01-01T05:00:00Z"), at("2026-01-01T09:00:00Z"));
        SummaryDays acrossMidnight =
                SummaryDays.of(at("2026-01-01T20:00:00Z"), at("2026-01-02T08:00:00Z"), at("2026-01-02T20:00:00Z"));

        assertThat(inOneDay.days()).isEmpty();
        assertThat(inOneDay.raw()).containsExactly(new Range<>(at("2026-01-01T01:00:00Z"), at("2026-01-01T09:00:00Z")));
        assertThat(acrossMidnight.days()).isEmpty();
        assertThat(acrossMidnight.raw())
                .containsExactly(new Range<>(at("2026-01-01T20:00:00Z"), at("2026-01-02T20:00:00Z")));
    }

    @Test
    void anEmptyPeriodReadsNothing() {
        Instant t = at("2026-01-01T12:00:00Z");
        assertThat(SummaryDays.of(t, t, t).days()).isEmpty();
        assertThat(SummaryDays.of(t, t, t).raw()).isEqualTo(List.of());
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }
}
