package dev.beton.emulator.attio;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Orders value fields for range filters and sorts: numbers as numbers, dates and timestamps as instants. */
final class Ordering {

    private Ordering() {}

    static int compare(Object a, Object b) {
        return compare(parsed(a), parsed(b));
    }

    /** A value with its instant read once, so a sort parses each value once instead of per comparison. */
    record Parsed(Object value, Optional<Instant> instant) {}

    static Parsed parsed(Object value) {
        return new Parsed(value, instant(value));
    }

    static int compare(Parsed a, Parsed b) {
        if (a.value() instanceof Number x && b.value() instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a.instant().isPresent() && b.instant().isPresent()) {
            return a.instant().get().compareTo(b.instant().get());
        }
        return ValueKeys.comparable(a.value()).compareTo(ValueKeys.comparable(b.value()));
    }

    private static Optional<Instant> instant(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notTimestamp) {
            try {
                return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
