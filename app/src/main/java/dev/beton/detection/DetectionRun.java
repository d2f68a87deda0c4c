package dev.beton.detection;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.jobs.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One detection run of a workspace as recorded in its run history.
 *
 * @param id 0 for a dry run, which is not recorded
 * @param jobRunId the run's record in the job history, which holds its status and times (empty for
 *     a dry run)
 * @param status the job run's status; {@code PARTIAL} means some signal queries failed and the
 *     others were kept
 * @param asOf the instant the run detected as of; events at or after it were invisible
 * @param errors one line per failed signal query (or the reason the whole run failed)
 * @param eventSource where the run read events: {@code embedded} or {@code posthog}
 * @param posthogSends what the run queued for PostHog (signals and scores), as of reading
 */
public record DetectionRun(
        long id,
        long workspaceId,
        Optional<Long> jobRunId,
        Trigger trigger,
        Instant asOf,
        JobStatus status,
        Instant startedAt,
        Optional<Instant> finishedAt,
        long accountsScanned,
        int signalsFired,
        int signalsSuppressed,
        List<String> errors,
        String eventSource,
        PostHogSends posthogSends) {

    public DetectionRun {
        errors = List.copyOf(errors);
    }

    /** A run that is not recorded (a dry run): it has no id and no job run. */
    static DetectionRun unrecorded(
            long workspaceId,
            Trigger trigger,
            Instant asOf,
            JobStatus status,
            Instant startedAt,
            Instant finishedAt,
            Counts counts,
            List<String> errors,
            String eventSource) {
        return new DetectionRun(
                0,
                workspaceId,
                Optional.empty(),
                trigger,
                asOf,
                status,
                startedAt,
                Optional.of(finishedAt),
                counts.accountsScanned(),
                counts.signalsFired(),
                counts.signalsSuppressed(),
                errors,
                eventSource,
                PostHogSends.NONE);
    }

    /** What a run counted. */
    record Counts(long accountsScanned, int signalsFired, int signalsSuppressed) {}

    @JsonProperty
    public Optional<Duration> duration() {
        return finishedAt.map(end -> Duration.between(startedAt, end));
    }

    @JsonProperty
    public int errorCount() {
        return errors.size();
    }

    /**
     * What the run counted, without the PostHog sends: the job history keeps this text for good,
     * and a pending count frozen into it went stale as soon as the sends went out.
     */
    public String countsSummary() {
        return accountsScanned + " accounts scanned, " + signalsFired + " signals fired, " + signalsSuppressed
                + " suppressed" + (errors.isEmpty() ? "" : ", " + errors.size() + " errors");
    }

    @JsonProperty
    public String summary() {
        return accountsScanned + " accounts scanned, " + signalsFired + " signals fired, " + signalsSuppressed
                + " suppressed" + (errors.isEmpty() ? "" : ", " + errors.size() + " errors")
                + (posthogSends.pending() == 0 ? "" : ", " + posthogSends.pending() + " sends to PostHog pending");
    }
}
