package dev.beton.jobs;

import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

/**
 * The run history of long jobs: every run is recorded when it starts, reports progress while it
 * works, and ends succeeded, partial or failed with a summary — so pages, the API and the CLI
 * can all show what is going on.
 */
@Service
public class JobRuns {

    static final int MAX_TEXT = 4000;

    private final JdbcClient jdbc;
    private final Clock clock;

    JobRuns(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the start of a run and returns a handle to report on it. */
    public RunningJob start(Optional<Long> workspaceId, String jobType, OptionalLong total) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO job_runs (workspace_id, job_type, status, started_at, progress_total)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(
                        workspaceId.orElse(null),
                        jobType,
                        JobStatus.RUNNING.column(),
                        Timestamps.of(clock.instant()),
                        total.isPresent() ? total.getAsLong() : null)
                .update(keys, "id");
        return new RunningJob(this, keys.getKeyAs(Number.class).longValue());
    }

    void progress(long runId, long done, OptionalLong total) {
        if (total.isPresent()) {
            jdbc.sql("UPDATE job_runs SET progress_done = ?, progress_total = ? WHERE id = ?")
                    .params(done, total.getAsLong(), runId)
                    .update();
        } else {
            jdbc.sql("UPDATE job_runs SET progress_done = ? WHERE id = ?")
                    .params(done, runId)
                    .update();
        }
    }

    void finish(long runId, JobStatus status, String summary, Optional<String> error) {
        jdbc.sql("UPDATE job_runs SET status = ?, finished_at = ?, summary = ?, error = ? WHERE id = ?")
                .params(
                        status.column(),
                        Timestamps.of(clock.instant()),
                        clip(summary),
                        error.map(JobRuns::clip).orElse(null),
                        runId)
                .update();
    }

    /**
     * Ends every run of {@code jobType} still recorded as running as failed with {@code error}: for
     * work that runs inside one process (a backtest) and cannot still be running after that process
     * started anew. Returns how many were ended.
     */
    public int abandonRunning(String jobType, String error) {
        return jdbc.sql("UPDATE job_runs SET status = ?, finished_at = ?, error = ? WHERE job_type = ? AND status = ?")
                .params(
                        JobStatus.FAILED.column(),
                        Timestamps.of(clock.instant()),
                        clip(error),
                        jobType,
                        JobStatus.RUNNING.column())
                .update();
    }

    public Optional<JobRun> byId(long workspaceId, long runId) {
        return jdbc.sql("SELECT * FROM job_runs WHERE id = ? AND workspace_id = ?")
                .params(runId, workspaceId)
                .query(JobRuns::map)
                .optional();
    }

    /** The newest runs of a workspace, optionally of one job type. */
    public List<JobRun> recent(long workspaceId, Optional<String> jobType, int limit) {
        String filter = jobType.isPresent() ? " AND job_type = ?" : "";
        var statement = jdbc.sql("SELECT * FROM job_runs WHERE workspace_id = ?" + filter
                        + " ORDER BY started_at DESC, id DESC LIMIT " + Math.max(1, Math.min(limit, 500)))
                .param(workspaceId);
        if (jobType.isPresent()) {
            statement = statement.param(jobType.get());
        }
        return statement.query(JobRuns::map).list();
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private static JobRun map(ResultSet rs, int row) throws SQLException {
        long workspace = rs.getLong("workspace_id");
        Optional<Long> workspaceId = rs.wasNull() ? Optional.empty() : Optional.of(workspace);
        long total = rs.getLong("progress_total");
        OptionalLong progressTotal = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(total);
        return new JobRun(
                rs.getLong("id"),
                workspaceId,
                rs.getString("job_type"),
                JobStatus.fromColumn(rs.getString("status")),
                Timestamps.instant(rs, "started_at"),
                Timestamps.optionalInstant(rs, "finished_at"),
                rs.getLong("progress_done"),
                progressTotal,
                Optional.ofNullable(rs.getString("summary")),
                Optional.ofNullable(rs.getString("error")));
    }
}
