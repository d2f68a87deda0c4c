package dev.beton.detection;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One detection run of a workspace as recorded in its run history.
 *
 * @param id 0 for a dry run, which is not recorded
 * @param jobRunId the matching entry on the Jobs page
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
        RunStatus status,
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

    @JsonProperty
    public Optional<Duration> duration() {
        return finishedAt.map(end -> Duration.between(startedAt, end));
    }

    @JsonProperty
    public int errorCount() {
        return errors.size();
    }

    @JsonProperty
    public String summary() {
        return accountsScanned + " accounts scanned, " + signalsFired + " signals fired, " + signalsSuppressed
                + " suppressed" + (errors.isEmpty() ? "" : ", " + errors.size() + " errors")
                + (posthogSends.pending() == 0 ? "" : ", " + posthogSends.pending() + " sends to PostHog pending");
    }
}
