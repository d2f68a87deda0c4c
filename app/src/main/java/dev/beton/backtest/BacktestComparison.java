package dev.beton.backtest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two backtests side by side (typically the live settings and a draft over the same period):
 * their overall figures and which accounts the second routes that the first does not, and back.
 * An account is routed in a run when its peak replayed score reached that run's routing threshold.
 */
public record BacktestComparison(
        Side first, Side second, List<String> movedIn, List<String> movedOut, boolean samePeriod) {

    public record Side(
            long id,
            String settingsLabel,
            String settingsVersion,
            int routingThreshold,
            long routedAccounts,
            Ratio precision,
            Ratio recall,
            Double f1,
            Ratio settledPrecision) {}

    static BacktestComparison of(
            BacktestRun first,
            int firstThreshold,
            Map<String, Integer> firstPeaks,
            BacktestRun second,
            int secondThreshold,
            Map<String, Integer> secondPeaks) {
        Set<String> routedFirst = routed(firstPeaks, firstThreshold);
        Set<String> routedSecond = routed(secondPeaks, secondThreshold);
        Set<String> in = new TreeSet<>(routedSecond);
        in.removeAll(routedFirst);
        Set<String> out = new TreeSet<>(routedFirst);
        out.removeAll(routedSecond);
        return new BacktestComparison(
                side(first, firstThreshold, routedFirst.size()),
                side(second, secondThreshold, routedSecond.size()),
                List.copyOf(in),
                List.copyOf(out),
                first.periodStart().equals(second.periodStart()) && first.days() == second.days());
    }

    private static Set<String> routed(Map<String, Integer> peaks, int threshold) {
        Set<String> routed = new TreeSet<>();
        peaks.forEach((account, peak) -> {
            if (peak >= threshold) {
                routed.add(account);
            }
        });
        return routed;
    }

    private static Side side(BacktestRun run, int threshold, long routed) {
        BacktestReport.Overall overall =
                run.report().map(BacktestReport::overall).orElse(null);
        return new Side(
                run.id(),
                run.settingsLabel(),
                run.settingsVersion(),
                threshold,
                routed,
                overall == null ? Ratio.of(0, 0) : overall.precision(),
                overall == null ? Ratio.of(0, 0) : overall.recall(),
                overall == null ? null : overall.f1(),
                // a report stored before settled precision was kept has none
                overall == null || overall.settledPrecision() == null ? Ratio.of(0, 0) : overall.settledPrecision());
    }
}
