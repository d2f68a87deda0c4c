package dev.beton.backtest;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One "Load data from PostHog": a copy of a PostHog project's events and groups of the last
 * {@code days} days into the workspace's embedded store, which backtests then read.
 *
 * @param jobRunId the copy's newest job run (each resume is a new run of the same copy)
 * @param phase {@code events}, then {@code groups}, then {@code done}
 * @param cursor the keyset position (timestamp as PostHog wrote it, uuid) of the last event
 *     page stored; the copy resumes after it
 * @param eventsTotal events PostHog counted in the period when the copy started
 * @param queriesSpent PostHog queries this copy sent so far (each page is one)
 * @param copiedUntil the newest event copied: with the row limit reached, events after it are
 *     missing from the copy
 * @param note why the copy stopped early (row limit, budget used up, stopped by a person), if it did
 */
public record PostHogCopy(
        long id,
        long workspaceId,
        long jobRunId,
        long projectId,
        String host,
        int days,
        long rowLimit,
        Instant periodStart,
        Instant periodEnd,
        String phase,
        Optional<Cursor> cursor,
        OptionalLong eventsTotal,
        long eventsCopied,
        long groupsCopied,
        int queriesSpent,
        Optional<Instant> copiedUntil,
        Instant createdAt,
        Optional<Instant> finishedAt,
        Optional<String> note) {

    static final String EVENTS = "events";
    static final String GROUPS = "groups";
    static final String DONE = "done";

    /** The last event page's last key. */
    public record Cursor(String timestamp, String uuid) {}

    /** Whether every phase ran to its end (the row limit may still have cut the events). */
    public boolean complete() {
        return phase.equals(DONE);
    }

    /** "PostHog project 12 at https://us.posthog.com": which copy, in words. */
    public String source() {
        return "PostHog project " + projectId + " at " + host;
    }
}
