package dev.beton.connections;

import java.util.Locale;

/** The last known state of a connection: green, degraded (works, with a caveat), failed, or never checked. */
public enum ValidationState {
    OK,
    DEGRADED,
    FAILED,
    UNCHECKED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ValidationState fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
