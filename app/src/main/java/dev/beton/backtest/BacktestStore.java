package dev.beton.backtest;

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

    private static final int MAX_ERROR = 2000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    BacktestStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    long start(
            long workspaceId,
            String settingsVersion,
            String settingsLabel,
            String settingsJson,
            Instant periodStart,
            Instant periodEnd,
            int days,
            int attributionDays,
            Instant startedAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backtest_runs (workspace_id, status, settings_version, settings_label, settings,"
                        + " period_start, period_end, days, attribution_days, started_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        BacktestRun.Status.RUNNING.name(),
                        settingsVersion,
                        settingsLabel,
                        settingsJson,
                        Timestamps.of(periodStart),
                        Timestamps.of(periodEnd),
                        days,
                        attributionDays,
                        Timestamps.of(startedAt))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void progress(long runId, int daysDone) {
        jdbc.sql("UPDATE backtest_runs SET days_done = ? WHERE id = ?")
                .params(daysDone, runId)
                .update();
    }

    void succeed(long runId, List<ReplayDay> days, BacktestReport report, Instant finishedAt) {
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
        jdbc.sql("UPDATE backtest_runs SET status = ?, days_done = days, report = ?, finished_at = ? WHERE id = ?")
                .params(
                        BacktestRun.Status.SUCCEEDED.name(),
                        json.writeValueAsString(report),
                        Timestamps.of(finishedAt),
                        runId)
                .update();
    }

    void fail(long runId, String error, Instant finishedAt) {
        String clipped = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
        jdbc.sql("UPDATE backtest_runs SET status = ?, error = ?, finished_at = ? WHERE id = ?")
                .params(BacktestRun.Status.FAILED.name(), clipped, Timestamps.of(finishedAt), runId)
                .update();
    }

    Optional<BacktestRun> byId(long workspaceId, long runId) {
        return jdbc.sql("SELECT * FROM backtest_runs WHERE id = ? AND workspace_id = ?")
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
        return jdbc.sql("SELECT * FROM backtest_runs WHERE workspace_id = ? ORDER BY started_at DESC, id DESC LIMIT "
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

    private BacktestRun map(ResultSet rs, int row) throws SQLException {
        String report = rs.getString("report");
        return new BacktestRun(
                rs.getLong("id"),
                rs.getLong("workspace_id"),
                BacktestRun.Status.valueOf(rs.getString("status")),
                rs.getString("settings_version"),
                rs.getString("settings_label"),
                Timestamps.instant(rs, "period_start"),
                Timestamps.instant(rs, "period_end"),
                rs.getInt("days"),
                rs.getInt("days_done"),
                rs.getInt("attribution_days"),
                Timestamps.instant(rs, "started_at"),
                Timestamps.optionalInstant(rs, "finished_at"),
                Optional.ofNullable(report).map(text -> json.readValue(text, BacktestReport.class)),
                Optional.ofNullable(rs.getString("error")));
    }
}
