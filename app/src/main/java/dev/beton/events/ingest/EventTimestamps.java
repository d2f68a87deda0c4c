package dev.beton.events.ingest;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * When an event happened, following PostHog's rules: a client {@code timestamp} is corrected by
 * the client's clock skew ({@code receivedAt - sent_at}); without one, {@code offset}
 * milliseconds before arrival; without either, the arrival time.
 *
 * <p>Every instant that enters the arithmetic, and the result, must lie in the years 0001–9999.
 * Java's {@link Instant} reaches a billion years, DuckDB's {@code TIMESTAMP} about 290,000, and
 * the microsecond conversion in between overflows a {@code long} long before either: a timestamp
 * like {@code -999999999-01-01} or {@code 1e300} passed validation and then failed the whole
 * group commit in the writer. Refusing it here answers 400 to that request alone.
 */
final class EventTimestamps {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final double EARLIEST_MILLIS = EARLIEST.toEpochMilli();
    private static final double LATEST_MILLIS = LATEST.toEpochMilli();
    // An offset can at most span the supported range.
    private static final double MAX_OFFSET_MILLIS = LATEST_MILLIS - EARLIEST_MILLIS;

    private EventTimestamps() {}

    static Instant resolve(JsonNode raw, ObjectNode properties, Instant receivedAt, Optional<Instant> sentAt) {
        Optional<Instant> timestamp = Optional.ofNullable(raw.get("timestamp"))
                .filter(node -> !node.isNull())
                .map(node -> parse(node, "timestamp"));
        JsonNode ignoreSentAt = properties.get("$ignore_sent_at");
        boolean skewCorrection = ignoreSentAt == null || !ignoreSentAt.asBoolean(false);
        if (timestamp.isPresent() && sentAt.isPresent() && skewCorrection) {
            return notTooEarly(receivedAt.plus(Duration.between(sentAt.get(), timestamp.get())), "timestamp");
        }
        if (timestamp.isPresent()) {
            return timestamp.get();
        }
        JsonNode offset = raw.get("offset");
        if (offset != null && offset.isNumber()) {
            double millis = offset.asDouble();
            if (!Double.isFinite(millis) || Math.abs(millis) > MAX_OFFSET_MILLIS) {
                throw EventRejected.parseError("offset " + EventParser.abbreviated(offset.toString())
                        + " is out of range (it must keep the event within the years 0001 to 9999)");
            }
            return notTooEarly(receivedAt.minusMillis((long) millis), "offset");
        }
        return receivedAt;
    }

    /** ISO 8601 with or without zone (UTC assumed), a date, or epoch milliseconds. */
    static Instant parse(JsonNode node, String field) {
        if (node.isNumber()) {
            return epochMillis(node.asDouble(), node.toString(), field);
        }
        if (!node.isString()) {
            throw EventRejected.parseError("invalid type for field `" + field + "`, expected an ISO 8601 string");
        }
        Instant instant = parseText(node.stringValue())
                .orElseThrow(() -> EventRejected.parseError(
                        "invalid " + field + " '" + EventParser.abbreviated(node.stringValue()) + "'"));
        return inRange(instant, field, node.stringValue());
    }

    /** Epoch milliseconds within the supported years (posthog-js's {@code ?_=}, numeric timestamps). */
    static Instant epochMillis(double millis, String text, String field) {
        if (!Double.isFinite(millis) || millis < EARLIEST_MILLIS || millis > LATEST_MILLIS) {
            throw outOfRange(field, text);
        }
        return Instant.ofEpochMilli((long) millis);
    }

    static Optional<Instant> parseText(String raw) {
        Instant common = UtcInstants.parse(raw);
        if (common != null) {
            return Optional.of(common);
        }
        String text = raw.strip().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException notOffset) {
            // fall through to the zone-less forms
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException notLocal) {
            // fall through
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeException notDate) {
            return Optional.empty();
        }
    }

    static boolean isSupported(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** A result too far in the future is the parser's business (it becomes the arrival time). */
    private static Instant notTooEarly(Instant instant, String field) {
        if (instant.isBefore(EARLIEST)) {
            throw outOfRange(field, instant.toString());
        }
        return instant;
    }

    private static Instant inRange(Instant instant, String field, String text) {
        if (!isSupported(instant)) {
            throw outOfRange(field, text);
        }
        return instant;
    }

    private static EventRejected outOfRange(String field, String text) {
        return EventRejected.parseError(field + " '" + EventParser.abbreviated(text)
                + "' is out of range (Beton stores events from the year 0001 to 9999)");
    }
}
