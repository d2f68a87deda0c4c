package dev.beton.bizevents;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How a summary period {@code [from, to)} with its middle (the two halves are compared) is read:
 * the whole UTC days inside one half from the day rows ({@link BusinessEventDays}), everything
 * else — the days the period's ends and its middle cut — from the raw typed rows.
 *
 * @param days whole days {@code [start, end)}, each range inside one half
 * @param firstHalfBefore a day before this one is in the first half
 * @param raw the instants {@code [start, end)} not covered by {@code days}, in order
 */
record SummaryDays(List<Range<LocalDate>> days, LocalDate firstHalfBefore, List<Range<Instant>> raw) {

    record Range<T>(T start, T end) {}

    static SummaryDays of(Instant from, Instant middle, Instant to) {
        Instant a = ceilDay(from);
        Instant b = floorDay(middle);
        Instant c = ceilDay(middle);
        Instant d = floorDay(to);
        List<Range<Instant>> covered = new ArrayList<>();
        if (a.isBefore(b)) {
            covered.add(new Range<>(a, b));
        }
        if (c.isBefore(d)) {
            covered.add(new Range<>(c, d));
        }
        List<Range<Instant>> raw = new ArrayList<>();
        Instant cursor = from;
        for (Range<Instant> range : covered) {
            if (cursor.isBefore(range.start())) {
                raw.add(new Range<>(cursor, range.start()));
            }
            cursor = range.end();
        }
        if (cursor.isBefore(to)) {
            raw.add(new Range<>(cursor, to));
        }
        List<Range<LocalDate>> days = covered.stream()
                .map(r -> new Range<>(day(r.start()), day(r.end())))
                .toList();
        return new SummaryDays(days, day(b), List.copyOf(raw));
    }

    private static Instant floorDay(Instant instant) {
        return instant.truncatedTo(ChronoUnit.DAYS);
    }

    private static Instant ceilDay(Instant instant) {
        Instant floor = floorDay(instant);
        return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.DAYS);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
