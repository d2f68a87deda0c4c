package dev.beton.backtest;

import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Scores a replay against the CRM mirror. Pure: the definitions (docs/BACKTESTING.md) are in this
 * class and nowhere else, and {@code BacktestMetricsTest} checks each against numbers computed by
 * hand.
 *
 * <ul>
 *   <li>A <b>win</b> of an account is its earliest won deal closed in the period [first replay day,
 *       period end).
 *   <li>A fired signal at day d is a <b>true positive</b> when its account has a won deal closed in
 *       (d, d + window]; a <b>false positive</b> when not and the window is over by the period end
 *       (or a Done/Disqualify label came in [d, d + window]); otherwise <b>pending</b> (not judged).
 *   <li><b>Precision</b> = true positives / judged. <b>Settled precision</b> = the same over the
 *       signals whose window is over only: precision counts a win as soon as it happens but a miss
 *       only at the window's end, so it reads high while many signals are pending.
 *   <li><b>Recall</b> = wins whose account was surfaced (routed score, or for one signal: that
 *       signal detected, fired or suppressed) on a day in [win − window, win) / all wins.
 * </ul>
 */
final class BacktestMetrics {

    static final int MINIMUM_EVENT_DAYS = 90;
    static final int[][] BUCKETS = {{0, 19}, {20, 39}, {40, 59}, {60, 79}, {80, 100}};

    /**
     * @param periodEnd outcomes are known until here (the day after the last replay day)
     * @param accountsSeen every account with an event before the period end, signals or not
     * @param firstEvent the workspace's first event, for the "collecting data" state
     */
    record Inputs(
            List<ReplayDay> days,
            Instant periodEnd,
            Duration window,
            int routingThreshold,
            Map<SignalType, Integer> thresholds,
            List<Deal> deals,
            List<OutcomeLabels.Label> negatives,
            Set<String> accountsSeen,
            Optional<Instant> firstEvent,
            int minimumClosedDeals) {}

    private final Inputs in;
    private final Instant periodStart;
    private final Map<String, Deal> wins = new TreeMap<>();
    private final Map<String, List<Instant>> wonAt = new HashMap<>();
    private final Map<String, List<Instant>> labelledAt = new HashMap<>();

    private BacktestMetrics(Inputs in) {
        this.in = in;
        this.periodStart =
                in.days().isEmpty() ? in.periodEnd() : in.days().getFirst().asOf();
        for (Deal deal : in.deals()) {
            if (!deal.won()) {
                continue;
            }
            Instant closed = deal.closedAt().orElseThrow();
            wonAt.computeIfAbsent(deal.accountKey(), k -> new ArrayList<>()).add(closed);
            if (!closed.isBefore(periodStart) && closed.isBefore(in.periodEnd())) {
                wins.merge(deal.accountKey(), deal, (a, b) -> a.closedAt().get().isAfter(closed) ? b : a);
            }
        }
        for (OutcomeLabels.Label label : in.negatives()) {
            labelledAt
                    .computeIfAbsent(label.accountKey(), k -> new ArrayList<>())
                    .add(label.at());
        }
    }

    static BacktestReport compute(Inputs in) {
        return new BacktestMetrics(in).report();
    }

    private BacktestReport report() {
        Map<String, List<Scored>> scores = scoresByAccount();
        List<BacktestReport.CurvePoint> curve = new ArrayList<>();
        for (int threshold = 0; threshold <= 100; threshold++) {
            int t = threshold;
            curve.add(point(threshold, scores, s -> s >= t));
        }
        BacktestReport.CurvePoint routed = curve.get(in.routingThreshold());
        List<BacktestReport.SignalMetrics> signals = new ArrayList<>();
        Map<String, List<BacktestReport.CurvePoint>> signalCurves = new LinkedHashMap<>();
        Map<String, List<BacktestReport.MonthPoint>> signalHistory = new LinkedHashMap<>();
        long fired = 0;
        long truePositives = 0;
        long falsePositives = 0;
        long settledWon = 0;
        long settled = 0;
        for (SignalType type : in.thresholds().keySet().stream().sorted().toList()) {
            SignalMetrics metrics = signalMetrics(type);
            signals.add(metrics.row());
            fired += metrics.row().fired();
            truePositives += metrics.row().truePositives();
            falsePositives += metrics.row().falsePositives();
            settledWon += metrics.row().settledPrecision().numerator();
            settled += metrics.row().settledPrecision().denominator();
            signalCurves.put(type.key(), signalCurve(type));
            signalHistory.put(type.key(), metrics.history());
        }
        Ratio precision = Ratio.of(truePositives, truePositives + falsePositives);
        Ratio recall = routed.recall();
        long routedAccounts = routed.routed();
        Set<String> routedSet =
                new TreeSet<>(firstDays(scores, s -> s >= in.routingThreshold()).keySet());
        Set<String> others = new TreeSet<>(in.accountsSeen());
        others.removeAll(routedSet);
        long otherWins = others.stream().filter(wins::containsKey).count();
        Ratio winRateOther = Ratio.of(otherWins, others.size());
        Ratio winRateSurfaced = routed.precision();
        Double lift = winRateSurfaced.value() == null || winRateOther.value() == null || winRateOther.value() == 0
                ? null
                : winRateSurfaced.value() / winRateOther.value();
        BacktestReport.Overall overall = new BacktestReport.Overall(
                fired,
                truePositives,
                falsePositives,
                fired - truePositives - falsePositives,
                precision,
                recall,
                f1(precision, recall),
                in.accountsSeen().size(),
                routedAccounts,
                winRateSurfaced,
                winRateOther,
                lift,
                in.routingThreshold(),
                (int) in.window().toDays(),
                BacktestReport.Rates.of(precision, recall, f1(precision, recall)),
                Ratio.of(settledWon, settled));
        return new BacktestReport(
                dataState(),
                overall,
                signals,
                curve,
                signalCurves,
                buckets(scores),
                timeToClose(scores),
                signalHistory);
    }

    private record Scored(Instant day, double value) {}

    private record SignalMetrics(BacktestReport.SignalMetrics row, List<BacktestReport.MonthPoint> history) {}

    /** One month's tally of a signal: its fired signals judged, and the wins closed in it. */
    private static final class MonthTally {
        long fired;
        long truePositives;
        long falsePositives;
        long wins;
        long recalled;

        BacktestReport.MonthPoint point(YearMonth month, boolean settled) {
            return new BacktestReport.MonthPoint(
                    month.toString(),
                    fired,
                    truePositives,
                    falsePositives,
                    fired - truePositives - falsePositives,
                    Ratio.of(truePositives, truePositives + falsePositives),
                    Ratio.of(recalled, wins),
                    settled);
        }
    }

    /** Every replay day of the month has its whole attribution window before the period end. */
    private boolean settled(YearMonth month) {
        return windowOver(
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }

    private Map<String, List<Scored>> scoresByAccount() {
        Map<String, List<Scored>> scores = new TreeMap<>();
        for (ReplayDay day : in.days()) {
            for (ReplayDay.DayScore score : day.scores()) {
                scores.computeIfAbsent(score.accountKey(), k -> new ArrayList<>())
                        .add(new Scored(day.asOf(), score.score()));
            }
        }
        return scores;
    }

    private SignalMetrics signalMetrics(SignalType type) {
        long fired = 0;
        long truePositives = 0;
        long falsePositives = 0;
        long settled = 0;
        long settledWon = 0;
        Map<String, List<Scored>> detected = new TreeMap<>();
        // Every month of the period has a row, also a quiet one: a gap in a chart would hide it.
        Map<YearMonth, MonthTally> months = new TreeMap<>();
        for (YearMonth m = monthOf(periodStart);
                !m.isAfter(monthOf(in.periodEnd().minusNanos(1)));
                m = m.plusMonths(1)) {
            months.put(m, new MonthTally());
        }
        for (ReplayDay day : in.days()) {
            for (ReplayDay.DaySignal signal : day.signals()) {
                if (!signal.type().equals(type)) {
                    continue;
                }
                detected.computeIfAbsent(signal.accountKey(), k -> new ArrayList<>())
                        .add(new Scored(day.asOf(), 1));
                if (!signal.fired()) {
                    continue;
                }
                MonthTally month = months.computeIfAbsent(monthOf(day.asOf()), m -> new MonthTally());
                fired++;
                month.fired++;
                boolean won = wonWithinWindowAfter(signal.accountKey(), day.asOf());
                if (windowOver(day.asOf())) {
                    settled++;
                    settledWon += won ? 1 : 0;
                }
                if (won) {
                    truePositives++;
                    month.truePositives++;
                } else if (judged(signal.accountKey(), day.asOf())) {
                    falsePositives++;
                    month.falsePositives++;
                }
            }
        }
        for (Map.Entry<String, Deal> win : wins.entrySet()) {
            Instant at = win.getValue().closedAt().orElseThrow();
            MonthTally month = months.computeIfAbsent(monthOf(at), m -> new MonthTally());
            month.wins++;
            if (detected.getOrDefault(win.getKey(), List.of()).stream().anyMatch(s -> inWindowBefore(s.day(), at))) {
                month.recalled++;
            }
        }
        List<BacktestReport.MonthPoint> history = new ArrayList<>();
        months.forEach((month, tally) -> history.add(tally.point(month, settled(month))));
        Ratio precision = Ratio.of(truePositives, truePositives + falsePositives);
        Ratio recall = recall(detected, v -> true).ratio();
        return new SignalMetrics(
                new BacktestReport.SignalMetrics(
                        type.key(),
                        in.thresholds().get(type),
                        fired,
                        truePositives,
                        falsePositives,
                        fired - truePositives - falsePositives,
                        precision,
                        recall,
                        f1(precision, recall),
                        BacktestReport.Rates.of(precision, recall, f1(precision, recall)),
                        Ratio.of(settledWon, settled)),
                List.copyOf(history));
    }

    /** The signal's curve over its main threshold, from the measures before the threshold. */
    private List<BacktestReport.CurvePoint> signalCurve(SignalType type) {
        Map<String, List<Scored>> measures = new TreeMap<>();
        for (ReplayDay day : in.days()) {
            for (SignalCatalog.Measured m : day.measures().getOrDefault(type, List.of())) {
                measures.computeIfAbsent(m.accountKey(), k -> new ArrayList<>())
                        .add(new Scored(day.asOf(), m.measure()));
            }
        }
        List<BacktestReport.CurvePoint> points = new ArrayList<>();
        for (int value : whatIfValues(type)) {
            points.add(point(value, measures, measure -> type.passes(measure, value)));
        }
        return points;
    }

    /** The thresholds a signal's curve tries: its usual range around the default. */
    static List<Integer> whatIfValues(SignalType type) {
        List<Integer> values = new ArrayList<>();
        if (!type.isBuiltIn()) {
            // A custom type has no threshold to try: an account on the rule's punch list fires.
            return values;
        }
        switch (type.key()) {
            case "usage_spike" -> {
                for (int v = 10; v <= 200; v += 10) {
                    values.add(v);
                }
            }
            case "limit_approaching" -> {
                for (int v = 50; v <= 100; v += 5) {
                    values.add(v);
                }
            }
            case "trial_expiring" -> {
                for (int v = 1; v <= 14; v++) {
                    values.add(v);
                }
            }
            default -> {
                for (int v = 1; v <= 10; v++) {
                    values.add(v);
                }
            }
        }
        return values;
    }

    interface DoublePredicate {
        boolean test(double value);
    }

    private BacktestReport.CurvePoint point(int threshold, Map<String, List<Scored>> values, DoublePredicate passes) {
        Map<String, Instant> first = firstDays(values, passes);
        long truePositives = 0;
        long judged = 0;
        long settled = 0;
        long settledWon = 0;
        for (Map.Entry<String, Instant> e : first.entrySet()) {
            boolean won = wonWithinWindowAfter(e.getKey(), e.getValue());
            if (windowOver(e.getValue())) {
                settled++;
                settledWon += won ? 1 : 0;
            }
            if (won) {
                truePositives++;
                judged++;
            } else if (judged(e.getKey(), e.getValue())) {
                judged++;
            }
        }
        Recall recall = recall(values, passes);
        return new BacktestReport.CurvePoint(
                threshold,
                first.size(),
                Ratio.of(truePositives, judged),
                recall.ratio(),
                recall.revenue(),
                Ratio.of(settledWon, settled));
    }

    private static Map<String, Instant> firstDays(Map<String, List<Scored>> values, DoublePredicate passes) {
        Map<String, Instant> first = new TreeMap<>();
        values.forEach((account, days) -> days.stream()
                .filter(s -> passes.test(s.value()))
                .map(Scored::day)
                .min(Comparator.naturalOrder())
                .ifPresent(day -> first.put(account, day)));
        return first;
    }

    private record Recall(Ratio ratio, BigDecimal revenue) {}

    /** Wins whose account passed on a day in [win − window, win). */
    private Recall recall(Map<String, List<Scored>> values, DoublePredicate passes) {
        long recalled = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (Map.Entry<String, Deal> win : wins.entrySet()) {
            Instant at = win.getValue().closedAt().orElseThrow();
            boolean surfaced = values.getOrDefault(win.getKey(), List.of()).stream()
                    .anyMatch(s -> passes.test(s.value()) && inWindowBefore(s.day(), at));
            if (surfaced) {
                recalled++;
                revenue = revenue.add(win.getValue().amount());
            }
        }
        return new Recall(Ratio.of(recalled, wins.size()), revenue);
    }

    private boolean inWindowBefore(Instant day, Instant win) {
        return day.isBefore(win) && !day.isBefore(win.minus(in.window()));
    }

    private boolean wonWithinWindowAfter(String account, Instant day) {
        Instant end = day.plus(in.window());
        return wonAt.getOrDefault(account, List.of()).stream()
                .anyMatch(closed -> closed.isAfter(day) && !closed.isAfter(end));
    }

    /** Not a true positive: still judged (a false positive) when its window is over or it was labelled. */
    private boolean judged(String account, Instant day) {
        if (windowOver(day)) {
            return true;
        }
        Instant end = day.plus(in.window());
        return labelledAt.getOrDefault(account, List.of()).stream()
                .anyMatch(at -> !at.isBefore(day) && !at.isAfter(end));
    }

    /** The attribution window after {@code day} is over by the period end: its outcome is final. */
    private boolean windowOver(Instant day) {
        return !day.plus(in.window()).isAfter(in.periodEnd());
    }

    private List<BacktestReport.Bucket> buckets(Map<String, List<Scored>> scores) {
        Set<String> accounts = new TreeSet<>(in.accountsSeen());
        accounts.addAll(scores.keySet());
        List<BacktestReport.Bucket> buckets = new ArrayList<>();
        for (int[] range : BUCKETS) {
            long count = 0;
            long won = 0;
            for (String account : accounts) {
                Deal win = wins.get(account);
                double peak = scores.getOrDefault(account, List.of()).stream()
                        .filter(s ->
                                win == null || s.day().isBefore(win.closedAt().orElseThrow()))
                        .mapToDouble(Scored::value)
                        .max()
                        .orElse(0);
                if (peak >= range[0] && peak <= range[1]) {
                    count++;
                    won += win == null ? 0 : 1;
                }
            }
            buckets.add(new BacktestReport.Bucket(
                    range[0] + "–" + range[1], range[0], range[1], count, won, Ratio.of(won, count)));
        }
        return buckets;
    }

    private BacktestReport.TimeToClose timeToClose(Map<String, List<Scored>> scores) {
        List<Double> surfaced = new ArrayList<>();
        List<Double> other = new ArrayList<>();
        IntPredicate routed = s -> s >= in.routingThreshold();
        for (Deal deal : in.deals()) {
            if (!deal.won()) {
                continue;
            }
            Instant closed = deal.closedAt().orElseThrow();
            if (closed.isBefore(periodStart) || !closed.isBefore(in.periodEnd())) {
                continue;
            }
            double days = Duration.between(deal.createdAt(), closed).toMinutes() / (24.0 * 60);
            boolean wasRouted = scores.getOrDefault(deal.accountKey(), List.of()).stream()
                    .anyMatch(s -> routed.test((int) s.value()) && inWindowBefore(s.day(), closed));
            (wasRouted ? surfaced : other).add(days);
        }
        return new BacktestReport.TimeToClose(surfaced.size(), average(surfaced), other.size(), average(other));
    }

    private BacktestReport.DataState dataState() {
        long eventDays = in.firstEvent()
                .map(first ->
                        Math.max(0, Duration.between(first, in.periodEnd()).toDays()))
                .orElse(0L);
        long closed = in.deals().stream()
                .filter(d -> d.closed() && d.closedAt().get().isBefore(in.periodEnd()))
                .count();
        List<String> missing = new ArrayList<>();
        if (eventDays < MINIMUM_EVENT_DAYS) {
            missing.add("Only " + eventDays + " days of events; a backtest needs at least " + MINIMUM_EVENT_DAYS
                    + " days.");
        }
        if (closed < in.minimumClosedDeals()) {
            missing.add("Only " + closed + " closed deals (won or lost) in the CRM mirror; a backtest needs at least "
                    + in.minimumClosedDeals() + ".");
        }
        return new BacktestReport.DataState(missing.isEmpty(), missing, eventDays, closed);
    }

    private static Double average(List<Double> values) {
        return values.isEmpty()
                ? null
                : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    static Double f1(Ratio precision, Ratio recall) {
        if (precision.value() == null || recall.value() == null || precision.value() + recall.value() == 0) {
            return null;
        }
        return 2 * precision.value() * recall.value() / (precision.value() + recall.value());
    }
}
