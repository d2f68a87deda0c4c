package dev.beton.backtest;

import java.util.List;
import java.util.Locale;

/** CSV exports of a report's tables: one header line, comma-separated, numbers with their denominators. */
final class BacktestCsv {

    private BacktestCsv() {}

    static String signals(BacktestReport report) {
        StringBuilder csv = new StringBuilder(
                "signal,threshold,fired,true_positives,false_positives,pending,precision,recall,recall_won_accounts,"
                        + "won_accounts,f1,settled_precision,settled_true_positives,settled_signals\n");
        for (BacktestReport.SignalMetrics s : report.signals()) {
            csv.append(String.join(
                            ",",
                            s.type(),
                            String.valueOf(s.threshold()),
                            String.valueOf(s.fired()),
                            String.valueOf(s.truePositives()),
                            String.valueOf(s.falsePositives()),
                            String.valueOf(s.pending()),
                            number(s.precision().value()),
                            number(s.recall().value()),
                            String.valueOf(s.recall().numerator()),
                            String.valueOf(s.recall().denominator()),
                            number(s.f1()),
                            s.settledPrecision() == null
                                    ? ""
                                    : number(s.settledPrecision().value()),
                            s.settledPrecision() == null
                                    ? ""
                                    : String.valueOf(s.settledPrecision().numerator()),
                            s.settledPrecision() == null
                                    ? ""
                                    : String.valueOf(s.settledPrecision().denominator())))
                    .append('\n');
        }
        return csv.toString();
    }

    static String curve(List<BacktestReport.CurvePoint> curve) {
        StringBuilder csv = new StringBuilder(
                "threshold,routed,precision,precision_won,precision_judged,recall,recall_won,won_accounts,won_revenue,"
                        + "settled_precision,settled_won,settled_accounts\n");
        for (BacktestReport.CurvePoint p : curve) {
            csv.append(String.join(
                            ",",
                            String.valueOf(p.threshold()),
                            String.valueOf(p.routed()),
                            number(p.precision().value()),
                            String.valueOf(p.precision().numerator()),
                            String.valueOf(p.precision().denominator()),
                            number(p.recall().value()),
                            String.valueOf(p.recall().numerator()),
                            String.valueOf(p.recall().denominator()),
                            p.wonRevenue().toPlainString(),
                            p.settledPrecision() == null
                                    ? ""
                                    : number(p.settledPrecision().value()),
                            p.settledPrecision() == null
                                    ? ""
                                    : String.valueOf(p.settledPrecision().numerator()),
                            p.settledPrecision() == null
                                    ? ""
                                    : String.valueOf(p.settledPrecision().denominator())))
                    .append('\n');
        }
        return csv.toString();
    }

    static String buckets(BacktestReport report) {
        StringBuilder csv = new StringBuilder("bucket,accounts,won,conversion\n");
        for (BacktestReport.Bucket b : report.buckets()) {
            csv.append(String.join(
                            ",",
                            b.label(),
                            String.valueOf(b.accounts()),
                            String.valueOf(b.won()),
                            number(b.conversion().value())))
                    .append('\n');
        }
        return csv.toString();
    }

    /** A signal's accuracy month by month (explain this signal). */
    static String history(List<BacktestReport.MonthPoint> months) {
        StringBuilder csv = new StringBuilder(
                "month,fired,true_positives,false_positives,pending,precision,recall,recall_won,won_accounts,settled\n");
        for (BacktestReport.MonthPoint m : months) {
            csv.append(String.join(
                            ",",
                            m.month(),
                            String.valueOf(m.fired()),
                            String.valueOf(m.truePositives()),
                            String.valueOf(m.falsePositives()),
                            String.valueOf(m.pending()),
                            number(m.precision().value()),
                            number(m.recall().value()),
                            String.valueOf(m.recall().numerator()),
                            String.valueOf(m.recall().denominator()),
                            String.valueOf(m.settled())))
                    .append('\n');
        }
        return csv.toString();
    }

    static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }
}
