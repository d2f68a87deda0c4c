package dev.beton.emulator.attio;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Attio writes timestamps in UTC with nanosecond precision: {@code 2023-01-01T15:00:00.000000000Z}. */
final class Timestamps {

    private static final DateTimeFormatter NANOS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    static String format(Instant instant) {
        return NANOS.format(instant);
    }
}
