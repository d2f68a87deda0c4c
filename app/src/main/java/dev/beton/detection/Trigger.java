package dev.beton.detection;

/** What started a detection run. */
public enum Trigger {
    /** The daily schedule. */
    SCHEDULE,
    /** "Run now" on the Runs page or {@code POST /api/v1/signals/runs}. */
    MANUAL,
    /** {@code ./beton detect}. */
    CLI,
    /** Right after the demo world was generated. */
    DEMO;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Trigger fromColumn(String column) {
        return valueOf(column.toUpperCase(java.util.Locale.ROOT));
    }
}
