package dev.beton.backtest;

import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.ResultRows;
import dev.beton.signals.CooldownKey;
import dev.beton.signals.DetectedSignal;
import dev.beton.signals.ScoreReceipt;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalOutcome;
import dev.beton.signals.SignalRun;
import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays detection day by day with exactly the production path ({@link SignalCatalog#run}: the
 * same evaluation, cooldown and scorer). The cooldown state is carried in memory from day to day,
 * as the detector would have stored it, so a replay never reads the live firings. The catalog must
 * be a strict one ({@link SignalCatalog#of}): no present-day values for past days.
 *
 * <p>Two ways to get each day's query rows, with identical results ({@code ReplayWindowsParityTest}):
 * {@link Strategy#DAY_BY_DAY} runs every signal query once per day (180 days = 180 detection runs);
 * {@link Strategy#WINDOWED} computes all days' rows in one scan per signal ({@link ReplayWindows})
 * and hands them to the same {@code SignalCatalog.run}.
 */
final class Replay {

    enum Strategy {
        DAY_BY_DAY,
        WINDOWED
    }

    private final SignalCatalog catalog;
    private final QueryRunner runner;
    private final Strategy strategy;
    private final int companyGroupIndex;

    Replay(SignalCatalog catalog, QueryRunner runner) {
        this(catalog, runner, Strategy.DAY_BY_DAY, 0);
    }

    /** @param companyGroupIndex the catalog's company group index (used by {@link Strategy#WINDOWED}) */
    Replay(SignalCatalog catalog, QueryRunner runner, Strategy strategy, int companyGroupIndex) {
        if (catalog.presentDayValues()) {
            throw new IllegalArgumentException("A replay of past days must not read present-day values");
        }
        this.catalog = catalog;
        this.runner = runner;
        this.strategy = strategy;
        this.companyGroupIndex = companyGroupIndex;
    }

    /** @param days ascending replay instants */
    List<ReplayDay> run(List<Instant> days, BacktestProgress progress) {
        Map<CooldownKey, Instant> lastFired = new HashMap<>();
        List<ReplayDay> replayed = new ArrayList<>(days.size());
        progress.day(0, days.size());
        Map<SignalType, List<ResultRows>> windowed = strategy == Strategy.WINDOWED && !days.isEmpty()
                ? new ReplayWindows(catalog.settings(), companyGroupIndex, runner, days)
                        .rows(catalog.enabledTypes().stream()
                                .filter(SignalType::isBuiltIn)
                                .toList())
                : Map.of();
        // The next days' windowed rows are computed on a second thread meanwhile (DayRowsAhead).
        try (DayRowsAhead ahead = new DayRowsAhead(windowed, days.size())) {
            for (int index = 0; index < days.size(); index++) {
                Instant day = days.get(index);
                // The windowed signals' rows of the day, handed over as known: their queries are not
                // even rendered. A custom signal's rule has no windowed form: it runs as of each day.
                Map<SignalType, ResultRows> known = ahead.day(index);
                // One evaluation of each signal's rows gives both the fired signals and the measures
                // for the what-if curves.
                // A read-only view, not a copy: the run reads it and keeps nothing (copying a map
                // that grows with every firing, each day, was a few percent of the replay).
                SignalCatalog.MeasuredRun measured =
                        catalog.runMeasured(day, Dialect.DUCKDB, known, runner, Collections.unmodifiableMap(lastFired));
                SignalRun run = measured.run();
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
                Map<SignalType, List<SignalCatalog.Measured>> measures = new TreeMap<>();
                measures.putAll(measured.measures());
                replayed.add(new ReplayDay(day, signals(run), scores(run), measures));
                progress.day(replayed.size(), days.size());
            }
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
