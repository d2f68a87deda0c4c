package dev.beton.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A backtest as plain-text lines: the per-signal table and the overall figures (CLI, logs). */
public final class BacktestTable {

    private BacktestTable() {}

    public static List<String> lines(BacktestRun run) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "Backtest %d (%s, settings %s %s): %d days from %s, attribution window %d days.",
                run.id(),
                run.status(),
                run.settingsLabel(),
                run.settingsVersion(),
                run.days(),
                run.periodStart(),
                run.attributionDays()));
        run.error().ifPresent(error -> lines.add("  " + error));
        if (run.report().isEmpty()) {
            return lines;
        }
        BacktestReport report = run.report().get();
        if (!report.data().ready()) {
            lines.add("Collecting data — the figures below are not meaningful yet:");
            report.data().missing().forEach(m -> lines.add("  " + m));
        }
        lines.add(String.format(
                Locale.ROOT,
                "%-20s %9s %6s %5s %5s %7s  %-22s %-22s",
                "signal",
                "threshold",
                "fired",
                "TP",
                "FP",
                "pending",
                "precision",
                "recall"));
        for (BacktestReport.SignalMetrics s : report.signals()) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%-20s %9d %6d %5d %5d %7d  %-22s %-22s",
                    s.type(),
                    s.threshold(),
                    s.fired(),
                    s.truePositives(),
                    s.falsePositives(),
                    s.pending(),
                    s.precision().text(),
                    s.recall().text()));
        }
        BacktestReport.Overall o = report.overall();
        lines.add(String.format(
                Locale.ROOT,
                "%-20s %9s %6d %5d %5d %7d  %-22s %-22s",
                "all signals",
                "≥ " + o.routingThreshold(),
                o.firedSignals(),
                o.truePositives(),
                o.falsePositives(),
                o.pending(),
                o.precision().text(),
                o.recall().text()));
        lines.add(String.format(
                Locale.ROOT,
                "F1 %s; routed accounts %d of %d seen; win rate routed %s vs others %s; lift %s.",
                o.f1() == null ? "–" : String.format(Locale.ROOT, "%.2f", o.f1()),
                o.routedAccounts(),
                o.accountsSeen(),
                o.winRateSurfaced().text(),
                o.winRateOther().text(),
                o.lift() == null ? "–" : String.format(Locale.ROOT, "%.1f×", o.lift())));
        if (o.settledPrecision() != null) {
            // precision counts early wins at once and misses only at the window's end
            lines.add("Settled precision (signals whose " + o.attributionDays() + "-day window is over): "
                    + o.settledPrecision().text() + ".");
        }
        return lines;
    }
}
