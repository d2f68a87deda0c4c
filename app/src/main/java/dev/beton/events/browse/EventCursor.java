package dev.beton.events.browse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Where a page of events ended: the (timestamp, uuid) of its last row, as an opaque token. */
public record EventCursor(Instant timestamp, UUID uuid) {

    public String encode() {
        String raw = timestamp.toString() + "|" + uuid;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws IllegalArgumentException when the token was not made by {@link #encode()}
     */
    public static EventCursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new EventCursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The cursor '" + token + "' is not one this API returned.", e);
        }
    }
}
