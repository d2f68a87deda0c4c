package dev.beton.backtest;

import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.ResultRows;
import dev.beton.signals.CooldownKey;
import dev.beton.signals.DetectedSignal;
import dev.beton.signals.ScoreReceipt;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalOutcome;
import dev.beton.signals.SignalQuery;
import dev.beton.signals.SignalRun;
import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays detection day by day with exactly the production path ({@link SignalCatalog#run}: the
 * same queries, evaluation, cooldown and scorer). The cooldown state is carried in memory from day
 * to day, as the detector would have stored it, so a replay never reads the live firings. The
 * catalog must be a strict one ({@link SignalCatalog#of}): no present-day values for past days.
 */
final class Replay {

    private final SignalCatalog catalog;
    private final QueryRunner runner;

    Replay(SignalCatalog catalog, QueryRunner runner) {
        if (catalog.presentDayValues()) {
            throw new IllegalArgumentException("A replay of past days must not read present-day values");
        }
        this.catalog = catalog;
        this.runner = runner;
    }

    /** @param days ascending replay instants */
    List<ReplayDay> run(List<Instant> days, BacktestProgress progress) {
        Map<CooldownKey, Instant> lastFired = new HashMap<>();
        List<ReplayDay> replayed = new ArrayList<>(days.size());
        progress.day(0, days.size());
        for (Instant day : days) {
            Map<String, ResultRows> rowsBySql = new HashMap<>();
            QueryRunner keeping = query -> {
                ResultRows rows = runner.run(query);
                rowsBySql.put(query.sql(), rows);
                return rows;
            };
            SignalRun run = catalog.run(day, Dialect.DUCKDB, keeping, Map.copyOf(lastFired));
            if (!run.complete()) {
                SignalRun.Failure failure = run.failures().getFirst();
                throw new IllegalStateException(
                        "Signal " + failure.definition() + " failed as of " + day + ": "
                                + failure.cause().getMessage(),
                        failure.cause());
            }
            for (DetectedSignal fired : run.fired()) {
                lastFired.put(new CooldownKey(fired.accountKey(), fired.type()), day);
            }
            Map<SignalType, List<SignalCatalog.Measured>> measures = new EnumMap<>(SignalType.class);
            for (SignalQuery query : catalog.queries(day, Dialect.DUCKDB)) {
                ResultRows rows = rowsBySql.get(query.rendered().sql());
                measures.put(query.type(), rows == null ? List.of() : catalog.measures(query.type(), rows, day));
            }
            replayed.add(new ReplayDay(day, signals(run), scores(run), measures));
            progress.day(replayed.size(), days.size());
        }
        return replayed;
    }

    private static List<ReplayDay.DaySignal> signals(SignalRun run) {
        return run.outcomes().stream()
                .map(o -> new ReplayDay.DaySignal(
                        o.signal().accountKey(), o.signal().type(), o instanceof SignalOutcome.Fired))
                .toList();
    }

    private static List<ReplayDay.DayScore> scores(SignalRun run) {
        return run.receipts().stream()
                .map((ScoreReceipt r) -> new ReplayDay.DayScore(r.accountKey(), r.score()))
                .toList();
    }
}
