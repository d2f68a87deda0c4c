package dev.beton.backtest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Everything a backtest found, as stored and as the API returns it. See docs/BACKTESTING.md for
 * each definition and a worked example.
 */
public record BacktestReport(
        DataState data,
        Overall overall,
        List<SignalMetrics> signals,
        List<CurvePoint> curve,
        Map<String, List<CurvePoint>> signalCurves,
        List<Bucket> buckets,
        TimeToClose timeToClose,
        Map<String, List<MonthPoint>> signalHistory) {

    /**
     * Whether there is enough to judge: at least 90 days of events and a minimum of closed deals.
     *
     * @param missing one sentence per shortfall; empty when ready
     */
    public record DataState(boolean ready, List<String> missing, long eventDays, long closedDeals) {}

    /**
     * @param precision true positives / judged fired signals (all types)
     * @param recall won accounts with a routed score in the window before the win / won accounts
     * @param f1 harmonic mean of precision and recall, null when either is
     * @param winRateSurfaced accounts routed that won within the window after / judged routed accounts
     * @param winRateOther accounts never routed that won in the period / accounts never routed
     * @param lift winRateSurfaced / winRateOther, null when either is missing or the second is 0
     * @param settledPrecision as each signal's, over all fired signals
     */
    public record Overall(
            long firedSignals,
            long truePositives,
            long falsePositives,
            long pending,
            Ratio precision,
            Ratio recall,
            Double f1,
            long accountsSeen,
            long routedAccounts,
            Ratio winRateSurfaced,
            Ratio winRateOther,
            Double lift,
            int routingThreshold,
            int attributionDays,
            Rates rates,
            Ratio settledPrecision) {}

    /** The same rates as plain fractions (0–1, null when not measurable), for tools that read numbers. */
    public record Rates(Double precision, Double recall, Double f1) {

        static Rates of(Ratio precision, Ratio recall, Double f1) {
            return new Rates(precision.value(), recall.value(), f1);
        }
    }

    /**
     * @param recall won accounts with this signal (fired or suppressed) in the window before the win
     * @param settledPrecision true positives / fired signals whose attribution window is over by the
     *     period end (each of those is judged): free of the pull of early wins, which count as soon
     *     as they happen while misses wait for the window's end; empty when no window is over yet
     */
    public record SignalMetrics(
            String type,
            int threshold,
            long fired,
            long truePositives,
            long falsePositives,
            long pending,
            Ratio precision,
            Ratio recall,
            Double f1,
            Rates rates,
            Ratio settledPrecision) {}

    /**
     * One threshold of a what-if curve: accounts that would have been surfaced (score, or a signal's
     * measure, crossing {@code threshold} on some day), precision and recall as in {@link Overall},
     * and the won revenue of the recalled accounts; settled precision over the accounts whose
     * first crossing has its whole window before the period end (as in {@link SignalMetrics}).
     */
    public record CurvePoint(
            int threshold, long routed, Ratio precision, Ratio recall, BigDecimal wonRevenue, Ratio settledPrecision) {}

    /**
     * One calendar month (UTC) of a signal's accuracy, so a drift shows: precision over the signals
     * fired on replay days in the month (judged as in {@link SignalMetrics}), recall over the wins
     * closed in the month (surfaced by the signal in the window before the win). Reports stored
     * before this was kept have none ({@code signalHistory} is null).
     *
     * @param month {@code YYYY-MM}
     * @param settled every signal of the month has had its whole attribution window by the period
     *     end. Until then the month's precision reads high: a win counts as soon as it happens, a
     *     miss only once the window is over.
     */
    public record MonthPoint(
            String month,
            long fired,
            long truePositives,
            long falsePositives,
            long pending,
            Ratio precision,
            Ratio recall,
            boolean settled) {}

    /** Accounts by their peak score before their win (or over the period), 0–19 … 80–100. */
    public record Bucket(String label, int from, int to, long accounts, long won, Ratio conversion) {}

    /** Average days from deal creation to win, for won deals whose account was routed before vs the rest. */
    public record TimeToClose(
            long surfacedDeals, Double surfacedAverageDays, long otherDeals, Double otherAverageDays) {}
}
