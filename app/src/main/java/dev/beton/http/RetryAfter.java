package dev.beton.http;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A {@code Retry-After} header as a wait (RFC 9110 §10.2.3): delay-seconds or an HTTP date. One
 * parser for every integration: Attio sends dates, PostHog seconds, and proxies rewrite either,
 * so a client that understood only one form retried too early or not at all.
 */
public final class RetryAfter {

    /** More than a day of delay-seconds is not a throttle but a broken header. */
    private static final long MAX_SECONDS = 86_400;

    private RetryAfter() {}

    /** The wait the response asks for, measured from {@code now}; empty when absent or unreadable. */
    public static Optional<Duration> of(HttpResponse<?> response, Instant now) {
        return response.headers().firstValue("Retry-After").flatMap(value -> parse(value, now));
    }

    /** A date in the past means "now" (zero), never a negative wait. */
    public static Optional<Duration> parse(String value, Instant now) {
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            long seconds = Long.parseLong(text);
            return seconds <= MAX_SECONDS ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(now, at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
