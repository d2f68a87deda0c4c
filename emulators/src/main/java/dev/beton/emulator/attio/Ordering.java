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
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        Optional<Instant> ta = instant(a);
        Optional<Instant> tb = instant(b);
        if (ta.isPresent() && tb.isPresent()) {
            return ta.get().compareTo(tb.get());
        }
        return ValueKeys.comparable(a).compareTo(ValueKeys.comparable(b));
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
