package dev.beton.detection;

import dev.beton.jobs.JobStatus;
import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code detection_runs} table: what is particular to a detection run (trigger, as-of,
 * counts, errors, source). Its status and times are those of its {@code job_runs} row, the one
 * record of every run, read through a join.
 */
@Repository
class DetectionRuns {

    private static final int MAX_ERRORS_TEXT = 8000;

    private final JdbcClient jdbc;

    DetectionRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // What a run queued for PostHog, read live so a run shows its pending sends until they go out.
    private static final String RUNS = "SELECT r.*,"
            + " (SELECT count(*) FROM posthog_outbox o WHERE o.run_id = r.id AND o.sent_at IS NULL"
            + " AND o.abandoned_at IS NULL) AS sends_pending,"
            + " (SELECT count(*) FROM posthog_outbox o WHERE o.run_id = r.id AND o.sent_at IS NOT NULL) AS sends_sent,"
            + " (SELECT count(*) FROM posthog_outbox o WHERE o.run_id = r.id AND o.abandoned_at IS NOT NULL)"
            + " AS sends_abandoned, j.status, j.started_at, j.finished_at"
            + " FROM detection_runs r JOIN job_runs j ON j.id = r.job_run_id";

    long start(long workspaceId, long jobRunId, Trigger trigger, Instant asOf, String source) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO detection_runs (workspace_id, job_run_id, trigger_source, as_of, event_source)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(workspaceId, jobRunId, trigger.column(), Timestamps.of(asOf), source)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The counts and errors; the status and end time are the job run's. */
    void record(long runId, long accounts, int fired, int suppressed, List<String> errors) {
        String text = String.join("\n", errors);
        jdbc.sql("UPDATE detection_runs SET accounts_scanned = ?, signals_fired = ?,"
                        + " signals_suppressed = ?, error_count = ?, errors = ? WHERE id = ?")
                .params(accounts, fired, suppressed, errors.size(), text.isEmpty() ? null : clip(text), runId)
                .update();
    }

    Optional<DetectionRun> byId(long workspaceId, long runId) {
        return jdbc.sql(RUNS + " WHERE r.id = ? AND r.workspace_id = ?")
                .params(runId, workspaceId)
                .query(DetectionRuns::map)
                .optional();
    }

    List<DetectionRun> recent(long workspaceId, int limit) {
        return jdbc.sql(RUNS + " WHERE r.workspace_id = ? ORDER BY j.started_at DESC, r.id DESC LIMIT "
                        + Math.max(1, Math.min(limit, 500)))
                .param(workspaceId)
                .query(DetectionRuns::map)
                .list();
    }

    /**
     * The finished run with the newest {@code asOf} (the latest started among equals): what "last
     * detection" means. A back-dated run started later never replaces it.
     */
    Optional<DetectionRun> latestFinished(long workspaceId) {
        return jdbc.sql(RUNS + " WHERE r.workspace_id = ? AND j.status IN ('succeeded', 'partial')"
                        + " ORDER BY r.as_of DESC, r.id DESC LIMIT 1")
                .param(workspaceId)
                .query(DetectionRuns::map)
                .optional();
    }

    /** The newest instant a finished run detected as of: what "current score" means. */
    Optional<Instant> latestAsOf(long workspaceId) {
        return jdbc.sql("SELECT max(r.as_of) AS latest FROM detection_runs r JOIN job_runs j ON j.id = r.job_run_id"
                        + " WHERE r.workspace_id = ? AND j.status IN ('succeeded', 'partial')")
                .params(workspaceId)
                .query((rs, row) -> Timestamps.optionalInstant(rs, "latest"))
                .single();
    }

    private static String clip(String text) {
        return text.length() <= MAX_ERRORS_TEXT ? text : text.substring(0, MAX_ERRORS_TEXT - 1) + "…";
    }

    private static DetectionRun map(ResultSet rs, int row) throws SQLException {
        String errors = rs.getString("errors");
        return new DetectionRun(
                rs.getLong("id"),
                rs.getLong("workspace_id"),
                Optional.of(rs.getLong("job_run_id")),
                Trigger.fromColumn(rs.getString("trigger_source")),
                Timestamps.instant(rs, "as_of"),
                JobStatus.fromColumn(rs.getString("status")),
                Timestamps.instant(rs, "started_at"),
                Timestamps.optionalInstant(rs, "finished_at"),
                rs.getLong("accounts_scanned"),
                rs.getInt("signals_fired"),
                rs.getInt("signals_suppressed"),
                errors == null ? List.of() : Arrays.asList(errors.split("\n")),
                rs.getString("event_source"),
                new PostHogSends(rs.getInt("sends_pending"), rs.getInt("sends_sent"), rs.getInt("sends_abandoned")));
    }
}
