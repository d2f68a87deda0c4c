package dev.beton.detection;

import dev.beton.signals.Evidence;
import dev.beton.signals.ScoreReceipt;
import dev.beton.signals.SignalType;
import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what detection stored, always for one workspace: signals, run history, account scores and
 * receipts. The read side of the API, the pages and the CLI.
 */
@Service
public class SignalHistory {

    private final JdbcClient jdbc;
    private final DetectionRuns runs;
    private final RunQueries queries;
    private final JsonMapper json;

    SignalHistory(JdbcClient jdbc, DetectionRuns runs, RunQueries queries, JsonMapper json) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.queries = queries;
        this.json = json;
    }

    /** The queries a run of this workspace sent, as sent; empty when the run is not this workspace's. */
    public Optional<List<SentQuery>> queries(long workspaceId, long runId) {
        return runs.byId(workspaceId, runId).map(run -> queries.of(run.id()));
    }

    public List<DetectionRun> runs(long workspaceId, int limit) {
        return runs.recent(workspaceId, limit);
    }

    /** The run with the newest asOf: a back-dated run started later does not replace it. */
    public Optional<DetectionRun> lastDetection(long workspaceId) {
        return runs.latestFinished(workspaceId);
    }

    /** What one run found, newest as-of first (a run has one as-of), at most {@code limit} rows. */
    public List<StoredSignal> ofRun(long workspaceId, long runId, int limit) {
        return jdbc.sql("SELECT * FROM signal_outcomes WHERE workspace_id = ? AND run_id = ?"
                        + " ORDER BY status, signal_type, account_key LIMIT " + Math.max(1, Math.min(limit, 5000)))
                .params(workspaceId, runId)
                .query(this::signal)
                .list();
    }

    public Optional<DetectionRun> run(long workspaceId, long runId) {
        return runs.byId(workspaceId, runId);
    }

    /** The highest {@code page} a list route accepts: far beyond any real list, and page × size fits an int. */
    public static final int MAX_PAGE = 1_000_000;

    /**
     * Where a page starts. A page beyond {@link #MAX_PAGE} is refused with a sentence: {@code
     * page=2147483647} overflowed the offset into a negative number and a 500.
     */
    public static int offsetOf(int page, int limit) {
        if (page > MAX_PAGE) {
            throw ProblemException.badRequest("'page' must be between 0 and " + MAX_PAGE + ", not " + page + ".");
        }
        return Math.max(0, page) * limit;
    }

    /** Newest first (by asOf, then id). */
    public SignalPage signals(long workspaceId, SignalFilter filter, int page, int size) {
        int limit = Math.max(1, Math.min(size, 500));
        int offset = offsetOf(page, limit);
        StringBuilder where = new StringBuilder(" WHERE workspace_id = ?");
        List<Object> params = new ArrayList<>(List.of(workspaceId));
        filter.type().ifPresent(t -> add(where, params, " AND signal_type = ?", t.key()));
        filter.account().ifPresent(a -> add(where, params, " AND account_key = ?", a));
        filter.since().ifPresent(s -> add(where, params, " AND as_of >= ?", Timestamps.of(s)));
        filter.status().ifPresent(s -> add(where, params, " AND status = ?", s));
        long total = jdbc.sql("SELECT count(*) FROM signal_outcomes" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<StoredSignal> items = jdbc.sql("SELECT * FROM signal_outcomes" + where
                        + " ORDER BY as_of DESC, id DESC LIMIT " + limit + " OFFSET " + offset)
                .params(params)
                .query(this::signal)
                .list();
        return new SignalPage(items, Math.max(0, page), limit, total);
    }

    /** Every account with a stored signal, highest current score first, then most recent signal. */
    public List<AccountScore> accounts(long workspaceId) {
        Map<String, Instant> lastFired = new HashMap<>();
        List<String> known = new ArrayList<>();
        jdbc.sql("SELECT account_key, max(CASE WHEN status = ? THEN as_of END) AS last_fired FROM signal_outcomes"
                        + " WHERE workspace_id = ? GROUP BY account_key")
                .params(SignalStore.FIRED, workspaceId)
                .query(rs -> {
                    String key = rs.getString("account_key");
                    known.add(key);
                    Timestamps.optionalInstant(rs, "last_fired").ifPresent(at -> lastFired.put(key, at));
                });
        Optional<Instant> latest = runs.latestAsOf(workspaceId);
        Map<String, AccountScore> scores = new LinkedHashMap<>();
        latest.ifPresent(asOf -> jdbc.sql("SELECT account_key, score, hot, signal_types FROM score_receipts"
                        + " WHERE workspace_id = ? AND as_of = ?")
                .params(workspaceId, Timestamps.of(asOf))
                .query(rs -> {
                    String key = rs.getString("account_key");
                    scores.put(
                            key,
                            new AccountScore(
                                    key,
                                    rs.getInt("score"),
                                    rs.getBoolean("hot"),
                                    types(rs.getString("signal_types")),
                                    Optional.ofNullable(lastFired.get(key)),
                                    Optional.of(asOf)));
                }));
        known.forEach(key -> scores.computeIfAbsent(
                key, k -> new AccountScore(k, 0, false, List.of(), Optional.ofNullable(lastFired.get(k)), latest)));
        return scores.values().stream()
                .sorted(Comparator.comparingInt(AccountScore::score)
                        .reversed()
                        .thenComparing(a -> a.lastSignalAt().orElse(Instant.EPOCH), Comparator.reverseOrder())
                        .thenComparing(AccountScore::accountKey))
                .toList();
    }

    /** Empty when the account has no stored signal in this workspace. */
    public Optional<AccountSignals> account(long workspaceId, String accountKey) {
        List<StoredSignal> history = jdbc.sql("SELECT * FROM signal_outcomes WHERE workspace_id = ? AND account_key = ?"
                        + " ORDER BY as_of DESC, signal_type LIMIT 500")
                .params(workspaceId, accountKey)
                .query(this::signal)
                .list();
        if (history.isEmpty()) {
            return Optional.empty();
        }
        // The receipt of the same run the score card reads (the newest asOf): an older receipt
        // under a newer card showed 35 under a card that said 0 after a re-run with a new threshold.
        Optional<ScoreReceipt> receipt = runs.latestAsOf(workspaceId)
                .flatMap(asOf -> jdbc.sql("SELECT receipt FROM score_receipts WHERE workspace_id = ?"
                                + " AND account_key = ? AND as_of = ?")
                        .params(workspaceId, accountKey, Timestamps.of(asOf))
                        .query(String.class)
                        .optional())
                .map(text -> json.readValue(text, ScoreReceipt.class));
        AccountScore score = accounts(workspaceId).stream()
                .filter(a -> a.accountKey().equals(accountKey))
                .findFirst()
                .orElseThrow();
        return Optional.of(new AccountSignals(
                score, receipt, receipt.map(ScoreReceipt::explanation).orElse(List.of()), history));
    }

    /** Fired signals per type since an instant, every type present (0 when none). */
    public Map<SignalType, Long> firedByType(long workspaceId, Instant since) {
        Map<SignalType, Long> counts = new TreeMap<>();
        SignalType.builtIns().stream().forEach(t -> counts.put(t, 0L));
        jdbc.sql("SELECT signal_type, count(*) AS fired FROM signal_outcomes WHERE workspace_id = ? AND status = ?"
                        + " AND as_of >= ? GROUP BY signal_type")
                .params(workspaceId, SignalStore.FIRED, Timestamps.of(since))
                .query(rs -> {
                    counts.put(SignalType.fromKey(rs.getString("signal_type")), rs.getLong("fired"));
                });
        return counts;
    }

    /** Fired signals per UTC day over the {@code days} days up to {@code until}, oldest first, gaps as 0. */
    public Map<LocalDate, Long> firedPerDay(long workspaceId, int days, Instant until) {
        LocalDate last = until.atZone(ZoneOffset.UTC).toLocalDate();
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        for (int i = days - 1; i >= 0; i--) {
            perDay.put(last.minusDays(i), 0L);
        }
        Instant since = last.minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
        jdbc.sql("SELECT as_of FROM signal_outcomes WHERE workspace_id = ? AND status = ? AND as_of >= ?")
                .params(workspaceId, SignalStore.FIRED, Timestamps.of(since))
                .query(rs -> {
                    LocalDate day = Timestamps.instant(rs, "as_of")
                            .truncatedTo(ChronoUnit.DAYS)
                            .atZone(ZoneOffset.UTC)
                            .toLocalDate();
                    perDay.computeIfPresent(day, (d, n) -> n + 1);
                });
        return perDay;
    }

    private static void add(StringBuilder where, List<Object> params, String clause, Object value) {
        where.append(clause);
        params.add(value);
    }

    private static List<String> types(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private StoredSignal signal(ResultSet rs, int row) throws SQLException {
        return new StoredSignal(
                rs.getLong("id"),
                rs.getLong("run_id"),
                rs.getString("account_key"),
                SignalType.fromKey(rs.getString("signal_type")),
                rs.getString("status"),
                Timestamps.instant(rs, "as_of"),
                rs.getInt("base_score"),
                rs.getDouble("measure"),
                rs.getInt("threshold"),
                rs.getString("definition"),
                json.readValue(rs.getString("evidence"), Evidence.class),
                Timestamps.optionalInstant(rs, "last_fired_at"),
                Timestamps.optionalInstant(rs, "cooldown_ends_at"));
    }
}
