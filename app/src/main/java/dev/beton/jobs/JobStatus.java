package dev.beton.jobs;

import java.util.Locale;

/** Where a run stands. {@code PARTIAL}: it finished, but some of its parts failed. */
public enum JobStatus {
    RUNNING,
    SUCCEEDED,
    PARTIAL,
    FAILED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Features that join {@code job_runs} into their own reads map its status column with this. */
    public static JobStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this != RUNNING;
    }
}
