package dev.beton.bizevents;

import dev.beton.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The period a summary covers: {@code from}/{@code to} (dates or instants, UTC) or the last {@code days}. */
record Period(Instant from, Instant to) {

    static Period of(String from, String to, Integer days, Clock clock) {
        // "until now" includes what arrived this very millisecond (the period's end is exclusive)
        Instant end = to == null || to.isBlank() ? clock.instant().plusMillis(1) : instant(to, "to", true);
        Instant start;
        if (from != null && !from.isBlank()) {
            start = instant(from, "from", false);
        } else {
            int d = days == null ? 30 : days;
            if (d < 1 || d > 3660) {
                throw ProblemException.badRequest("days must be between 1 and 3660.");
            }
            start = end.minus(Duration.ofDays(d));
        }
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from must be before to.");
        }
        return new Period(start, end);
    }

    /** A date means its start of day (UTC); as {@code to}, the end of that day. */
    private static Instant instant(String text, String name, boolean end) {
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (end ? date.plusDays(1) : date)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be a date (2026-12-01) or an ISO 8601 instant.");
        }
    }
}
