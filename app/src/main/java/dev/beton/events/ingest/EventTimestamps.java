package dev.beton.events.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * When an event happened, following PostHog's rules: a client {@code timestamp} is corrected by
 * the client's clock skew ({@code receivedAt - sent_at}); without one, {@code offset}
 * milliseconds before arrival; without either, the arrival time.
 */
final class EventTimestamps {

    private EventTimestamps() {}

    static Instant resolve(JsonNode raw, ObjectNode properties, Instant receivedAt, Optional<Instant> sentAt) {
        Optional<Instant> timestamp = Optional.ofNullable(raw.get("timestamp"))
                .filter(node -> !node.isNull())
                .map(node -> parse(node, "timestamp"));
        JsonNode ignoreSentAt = properties.get("$ignore_sent_at");
        boolean skewCorrection = ignoreSentAt == null || !ignoreSentAt.asBoolean(false);
        if (timestamp.isPresent() && sentAt.isPresent() && skewCorrection) {
            return receivedAt.plus(Duration.between(sentAt.get(), timestamp.get()));
        }
        if (timestamp.isPresent()) {
            return timestamp.get();
        }
        JsonNode offset = raw.get("offset");
        if (offset != null && offset.isNumber()) {
            return receivedAt.minusMillis(offset.asLong());
        }
        return receivedAt;
    }

    /** ISO 8601 with or without zone (UTC assumed), a date, or epoch milliseconds. */
    static Instant parse(JsonNode node, String field) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        if (!node.isString()) {
            throw EventRejected.parseError("invalid type for field `" + field + "`, expected an ISO 8601 string");
        }
        return parseText(node.stringValue())
                .orElseThrow(() -> EventRejected.parseError(
                        "invalid " + field + " '" + EventParser.abbreviated(node.stringValue()) + "'"));
    }

    static Optional<Instant> parseText(String raw) {
        String text = raw.strip().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            // fall through to the zone-less forms
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            // fall through
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }
}
