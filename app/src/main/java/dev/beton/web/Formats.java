package dev.beton.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Formatting for templates ({@code ${@formats.instant(x)}}): one convention, always UTC. */
@Component("formats")
public class Formats {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** A duration as a person reads it: 850 ms, 12.4 s, 3 min 05 s, 2 h 07 min. */
    public String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("d MMM HH:mm", java.util.Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A time window in words: "7 days to 2 Dec 06:00", "36 hours to 2 Dec 06:00" (UTC). */
    public String window(Instant from, Instant to) {
        Duration length = Duration.between(from, to);
        String span = length.toHours() % 24 == 0 && length.toDays() > 0
                ? length.toDays() + (length.toDays() == 1 ? " day" : " days")
                : length.toHours() + (length.toHours() == 1 ? " hour" : " hours");
        return span + " to " + DAY_TIME.format(to);
    }

    public String instant(Instant instant) {
        return instant == null ? "—" : INSTANT.format(instant);
    }
}
