package dev.beton.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One run of a long job (detection, import, sync…), as recorded for the run history.
 *
 * @param progressTotal units of work expected, when known up front
 */
public record JobRun(
        long id,
        Optional<Long> workspaceId,
        String jobType,
        JobStatus status,
        Instant startedAt,
        Optional<Instant> finishedAt,
        long progressDone,
        OptionalLong progressTotal,
        Optional<String> summary,
        Optional<String> error) {

    /** Percent done (0–100) when the total is known. */
    public OptionalLong percent() {
        if (progressTotal.isEmpty() || progressTotal.getAsLong() <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.min(100, progressDone * 100 / progressTotal.getAsLong()));
    }

    public Optional<Duration> duration() {
        return finishedAt.map(end -> Duration.between(startedAt, end));
    }
}
