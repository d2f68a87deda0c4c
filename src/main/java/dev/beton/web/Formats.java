package dev.beton.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Formatting for templates ({@code ${@formats.instant(x)}}): one convention, always UTC. */
@Component("formats")
public class Formats {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public String instant(Instant instant) {
        return instant == null ? "—" : INSTANT.format(instant);
    }
}
