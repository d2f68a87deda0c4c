package dev.beton.explorer;

import dev.beton.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The UTC days a view covers, {@code from} and {@code to} both included.
 *
 * @param end the exclusive instant the period stops at: the start of the day after {@code to},
 *     or now when that is earlier (a period never looks past "now")
 */
record Period(LocalDate from, LocalDate to, Instant end) {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** From the request's {@code from}/{@code to} dates (ISO, e.g. 2026-11-01); the last 30 days when absent. */
    static Period of(Optional<String> from, Optional<String> to, Clock clock) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate last = to.filter(s -> !s.isBlank()).map(s -> date("to", s)).orElse(today);
        LocalDate first =
                from.filter(s -> !s.isBlank()).map(s -> date("from", s)).orElse(last.minusDays(DEFAULT_DAYS - 1L));
        if (first.isAfter(last)) {
            throw ProblemException.badRequest("'from' (" + first + ") must not be after 'to' (" + last + ").");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ProblemException.badRequest(
                    "A period covers at most " + MAX_DAYS + " days; " + first + " to " + last + " is longer.");
        }
        Instant dayAfter = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Period(first, last, dayAfter.isAfter(now) ? now : dayAfter);
    }

    private static LocalDate date(String name, String value) {
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 1 || date.getYear() > 9998) {
                throw ProblemException.badRequest("'" + name + "' must lie between the years 1 and 9998.");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name + "' must be a date such as 2026-11-01, not '" + value + "'.");
        }
    }
}
