package dev.beton.backtest;

import dev.beton.query.Dialect;
import dev.beton.query.QueryDefinition;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Explain this signal": its definition in words, its query in both dialects, its accuracy in a
 * backtest (in all and month by month) and tuning tips read off its what-if curve ("at 4 instead of 2, precision 78 % instead
 * of 40 %, recall 83 % instead of 88 %").
 */
final class SignalExplainer {

    /** Curve points judged on fewer accounts than this are too thin to recommend. */
    static final int MINIMUM_JUDGED = 5;

    /** A tip must gain at least this much precision (10 points). */
    static final double PRECISION_GAIN = 0.10;

    record Explanation(
            String type,
            String meaning,
            String definition,
            String description,
            int threshold,
            String duckDbSql,
            String hogQl,
            Optional<BacktestReport.SignalMetrics> accuracy,
            List<BacktestReport.CurvePoint> curve,
            List<String> tips,
            List<BacktestReport.MonthPoint> history) {}

    private SignalExplainer() {}

    static Explanation explain(SignalCatalog catalog, SignalType type, BacktestReport report, Instant asOf) {
        QueryDefinition definition = catalog.library().get("signal." + type.key());
        int threshold = catalog.settings().tuning(type).threshold();
        List<BacktestReport.CurvePoint> curve = report.signalCurves().getOrDefault(type.key(), List.of());
        return new Explanation(
                type.key(),
                type.thresholdMeaning() + " (" + threshold + ")",
                definition.reference(),
                definition.description(),
                threshold,
                catalog.query(type, asOf, Dialect.DUCKDB).rendered().sql(),
                catalog.query(type, asOf, Dialect.HOGQL).rendered().sql(),
                report.signals().stream()
                        .filter(s -> s.type().equals(type.key()))
                        .findFirst(),
                curve,
                tips(type, threshold, curve),
                // empty for a report stored before the monthly history was kept
                report.signalHistory() == null
                        ? List.of()
                        : report.signalHistory().getOrDefault(type.key(), List.of()));
    }

    /**
     * At most two tips: the nearest stricter threshold that gains 10 points of precision, and the
     * best F1. They compare settled precision (signals whose window is over) when the current
     * threshold has enough settled accounts, else precision: precision counts early wins at once
     * and misses only at the window's end, and would recommend too eagerly.
     */
    static List<String> tips(SignalType type, int threshold, List<BacktestReport.CurvePoint> curve) {
        Optional<BacktestReport.CurvePoint> current =
                curve.stream().filter(p -> p.threshold() == threshold).findFirst();
        List<String> tips = new ArrayList<>();
        if (current.isEmpty() || current.get().precision().value() == null) {
            return tips;
        }
        BacktestReport.CurvePoint now = current.get();
        Measure measure = judgedEnough(now.settledPrecision()) ? Measure.SETTLED : Measure.PRECISION;
        boolean lowerIsStricter = type.equals(SignalType.TRIAL_EXPIRING);
        curve.stream()
                .filter(p -> lowerIsStricter ? p.threshold() < threshold : p.threshold() > threshold)
                .filter(p -> judgedEnough(measure.of(p)))
                .filter(p -> measure.of(p).value() >= measure.of(now).value() + PRECISION_GAIN)
                .min(Comparator.comparingInt(p -> Math.abs(p.threshold() - threshold)))
                .ifPresent(p -> tips.add(compare(measure, p, now)));
        curve.stream()
                .filter(p -> judgedEnough(measure.of(p)))
                .filter(p -> measure.f1(p) != null)
                .max(Comparator.comparingDouble(measure::f1))
                .filter(best -> best.threshold() != threshold
                        && (measure.f1(now) == null || measure.f1(best) > measure.f1(now)))
                .ifPresent(best -> tips.add("Best balance (F1 " + String.format(Locale.ROOT, "%.2f", measure.f1(best))
                        + "): " + compare(measure, best, now)));
        return tips;
    }

    /** Which precision the tips compare. */
    private enum Measure {
        PRECISION("precision"),
        SETTLED("settled precision");

        final String words;

        Measure(String words) {
            this.words = words;
        }

        Ratio of(BacktestReport.CurvePoint p) {
            return this == SETTLED ? p.settledPrecision() : p.precision();
        }

        Double f1(BacktestReport.CurvePoint p) {
            return BacktestMetrics.f1(of(p), p.recall());
        }
    }

    private static String compare(Measure measure, BacktestReport.CurvePoint p, BacktestReport.CurvePoint now) {
        return "at " + p.threshold() + " instead of " + now.threshold() + ", " + measure.words + " "
                + measure.of(p).text()
                + " instead of " + measure.of(now).text() + ", recall " + percent(p.recall()) + " instead of "
                + percent(now.recall()) + "; " + p.routed() + " accounts instead of " + now.routed() + ".";
    }

    /** Null for a report stored before settled precision was kept. */
    private static boolean judgedEnough(Ratio ratio) {
        return ratio != null && ratio.denominator() >= MINIMUM_JUDGED && ratio.value() != null;
    }

    private static String percent(Ratio ratio) {
        return ratio.value() == null ? "–" : Math.round(ratio.value() * 100) + " %";
    }
}
