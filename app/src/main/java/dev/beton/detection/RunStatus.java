package dev.beton.detection;

import java.util.Locale;

/** How a detection run ended; {@code PARTIAL} means some signal queries failed and the others were kept. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    PARTIAL,
    FAILED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunStatus fromColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
