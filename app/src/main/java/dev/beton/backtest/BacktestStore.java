package dev.beton.backtest;

import dev.beton.jobs.JobStatus;
import dev.beton.signals.SignalType;
import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code backtest_runs} and {@code backtest_scores} tables. */
@Repository
class BacktestStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    BacktestStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /** The backtest's own columns; status, start, end, progress and error live in its job run. */
    long start(
            long workspaceId,
            long jobRunId,
            String settingsVersion,
            String settingsLabel,
            String settingsJson,
            Instant periodStart,
            Instant periodEnd,
            int days,
            int attributionDays) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backtest_runs (workspace_id, job_run_id, settings_version, settings_label, settings,"
                        + " period_start, period_end, days, attribution_days)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        jobRunId,
                        settingsVersion,
                        settingsLabel,
                        settingsJson,
                        Timestamps.of(periodStart),
                        Timestamps.of(periodEnd),
                        days,
                        attributionDays)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Stores the replayed scores and the report; the caller then ends the job run. */
    void succeed(long runId, List<ReplayDay> days, BacktestReport report) {
        List<Object[]> rows = new ArrayList<>();
        for (ReplayDay day : days) {
            Map<String, List<ReplayDay.DaySignal>> byAccount = new TreeMap<>();
            day.signals().forEach(s -> byAccount
                    .computeIfAbsent(s.accountKey(), k -> new ArrayList<>())
                    .add(s));
            for (ReplayDay.DayScore score : day.scores()) {
                List<ReplayDay.DaySignal> signals = byAccount.getOrDefault(score.accountKey(), List.of());
                rows.add(new Object[] {
                    runId,
                    Timestamps.of(day.asOf()),
                    score.accountKey(),
                    score.score(),
                    types(signals, false),
                    types(signals, true)
                });
            }
        }
        template.batchUpdate(
                "INSERT INTO backtest_scores (run_id, as_of, account_key, score, signal_types, fired_types)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                rows);
        jdbc.sql("UPDATE backtest_runs SET report = ? WHERE id = ?")
                .params(json.writeValueAsString(report), runId)
                .update();
    }

    private static final String SELECT = "SELECT b.*, j.status AS job_status, j.started_at, j.finished_at,"
            + " j.progress_done, j.error FROM backtest_runs b JOIN job_runs j ON j.id = b.job_run_id";

    Optional<BacktestRun> byId(long workspaceId, long runId) {
        return jdbc.sql(SELECT + " WHERE b.id = ? AND b.workspace_id = ?")
                .params(runId, workspaceId)
                .query(this::map)
                .optional();
    }

    Optional<String> settingsOf(long workspaceId, long runId) {
        return jdbc.sql("SELECT settings FROM backtest_runs WHERE id = ? AND workspace_id = ?")
                .params(runId, workspaceId)
                .query(String.class)
                .optional();
    }

    List<BacktestRun> recent(long workspaceId, int limit) {
        return jdbc.sql(SELECT + " WHERE b.workspace_id = ? ORDER BY j.started_at DESC, b.id DESC LIMIT "
                        + Math.max(1, Math.min(limit, 200)))
                .param(workspaceId)
                .query(this::map)
                .list();
    }

    /** Replayed scores of one account, by day: for "which accounts move" between two runs. */
    Map<String, Integer> peakScores(long runId) {
        Map<String, Integer> peaks = new TreeMap<>();
        jdbc.sql("SELECT account_key, max(score) AS peak FROM backtest_scores WHERE run_id = ? GROUP BY account_key")
                .param(runId)
                .query((ResultSet rs) -> {
                    peaks.put(rs.getString("account_key"), rs.getInt("peak"));
                });
        return peaks;
    }

    private static String types(List<ReplayDay.DaySignal> signals, boolean firedOnly) {
        return signals.stream()
                .filter(s -> !firedOnly || s.fired())
                .map(ReplayDay.DaySignal::type)
                .map(SignalType::key)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .collect(Collectors.joining(","));
    }

    private static BacktestRun.Status status(JobStatus status) {
        return switch (status) {
            case RUNNING -> BacktestRun.Status.RUNNING;
            case SUCCEEDED -> BacktestRun.Status.SUCCEEDED;
            case PARTIAL, FAILED -> BacktestRun.Status.FAILED;
        };
    }

    private BacktestRun map(ResultSet rs, int row) throws SQLException {
        String report = rs.getString("report");
        return new BacktestRun(
                rs.getLong("id"),
                rs.getLong("workspace_id"),
                status(JobStatus.fromColumn(rs.getString("job_status"))),
                rs.getString("settings_version"),
                rs.getString("settings_label"),
                Timestamps.instant(rs, "period_start"),
                Timestamps.instant(rs, "period_end"),
                rs.getInt("days"),
                (int) rs.getLong("progress_done"),
                rs.getInt("attribution_days"),
                Timestamps.instant(rs, "started_at"),
                Timestamps.optionalInstant(rs, "finished_at"),
                Optional.ofNullable(report).map(text -> json.readValue(text, BacktestReport.class)),
                Optional.ofNullable(rs.getString("error")));
    }
}
