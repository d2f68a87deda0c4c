package dev.beton.backtest;

import dev.beton.signals.SignalType;
import dev.beton.store.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Signal history from a replay: what detection would have said on each past day, as the newest
 * finished backtest of the live settings replayed it ({@code backtest_scores}). It is history
 * marked as replay, kept apart from detection's own tables: it never becomes "last detection", an
 * account's current score, a cooldown or a routing decision, and nothing of it is sent to PostHog
 * or a CRM. The Signals and Account pages may show it where detection has no history of its own
 * (the demo's first start replays 180 days).
 */
@Service
public class ReplayHistory {

    /** Which replay the history comes from. */
    public record Source(long backtestId, String settingsVersion, Instant periodStart, Instant periodEnd) {

        /** Always {@code replay}: how pages and the API mark this history. */
        public String kind() {
            return "replay";
        }
    }

    /**
     * One replayed day: signals that fired and that were detected (fired or suppressed by their
     * cooldown), per signal type key, and how many accounts had a score.
     */
    public record Day(Instant asOf, Map<String, Integer> fired, Map<String, Integer> detected, int scoredAccounts) {

        public int firedTotal() {
            return fired.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** One account on one replayed day. */
    public record AccountDay(Instant asOf, int score, List<String> signalTypes, List<String> firedTypes) {}

    private final JdbcClient jdbc;

    ReplayHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest succeeded backtest of the live settings, if any. */
    public Optional<Source> latest(long workspaceId) {
        return jdbc.sql("SELECT b.id, b.settings_version, b.period_start, b.period_end FROM backtest_runs b"
                        + " JOIN job_runs j ON j.id = b.job_run_id"
                        + " WHERE b.workspace_id = ? AND b.settings_label = 'live' AND j.status = 'succeeded'"
                        + " ORDER BY j.started_at DESC, b.id DESC LIMIT 1")
                .param(workspaceId)
                .query((rs, row) -> new Source(
                        rs.getLong("id"),
                        rs.getString("settings_version"),
                        Timestamps.instant(rs, "period_start"),
                        Timestamps.instant(rs, "period_end")))
                .optional();
    }

    /** Per replayed day in {@code [from, to)} that had signals, ascending. */
    public List<Day> signalsPerDay(long workspaceId, Instant from, Instant to) {
        return latest(workspaceId)
                .map(source -> signalsPerDay(source, from, to))
                .orElse(List.of());
    }

    /** Per day in {@code [from, to)} of the replay {@code source} that had signals, ascending. */
    public List<Day> signalsPerDay(Source source, Instant from, Instant to) {
        Map<Instant, Map<SignalType, int[]>> days = new LinkedHashMap<>();
        Map<Instant, Integer> scored = new LinkedHashMap<>();
        jdbc.sql("SELECT as_of, signal_types, fired_types FROM backtest_scores WHERE run_id = ? AND as_of >= ?"
                        + " AND as_of < ? ORDER BY as_of")
                .params(source.backtestId(), Timestamps.of(from), Timestamps.of(to))
                .query(rs -> {
                    Instant asOf = Timestamps.instant(rs, "as_of");
                    Map<SignalType, int[]> counts = days.computeIfAbsent(asOf, d -> new TreeMap<>());
                    scored.merge(asOf, 1, Integer::sum);
                    types(rs.getString("signal_types")).forEach(t -> counts.computeIfAbsent(t, k -> new int[2])[1]++);
                    types(rs.getString("fired_types")).forEach(t -> counts.computeIfAbsent(t, k -> new int[2])[0]++);
                });
        List<Day> result = new ArrayList<>();
        days.forEach((asOf, counts) -> {
            Map<String, Integer> fired = new LinkedHashMap<>();
            Map<String, Integer> detected = new LinkedHashMap<>();
            counts.forEach((type, c) -> {
                if (c[0] > 0) {
                    fired.put(type.key(), c[0]);
                }
                detected.put(type.key(), c[1]);
            });
            result.add(new Day(asOf, fired, detected, scored.get(asOf)));
        });
        return result;
    }

    /** One account's replayed days, ascending (days it had no signal are absent). */
    public List<AccountDay> account(long workspaceId, String accountKey) {
        return latest(workspaceId).map(s -> account(s, accountKey)).orElse(List.of());
    }

    /** One account's days in the replay {@code source}, ascending. */
    public List<AccountDay> account(Source source, String accountKey) {
        return jdbc.sql("SELECT as_of, score, signal_types, fired_types FROM backtest_scores"
                        + " WHERE run_id = ? AND account_key = ? ORDER BY as_of")
                .params(source.backtestId(), accountKey)
                .query((rs, row) -> new AccountDay(
                        Timestamps.instant(rs, "as_of"),
                        rs.getInt("score"),
                        keys(rs.getString("signal_types")),
                        keys(rs.getString("fired_types"))))
                .list();
    }

    private static List<SignalType> types(String csv) {
        return keys(csv).stream().map(SignalType::fromKey).toList();
    }

    private static List<String> keys(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }
}
