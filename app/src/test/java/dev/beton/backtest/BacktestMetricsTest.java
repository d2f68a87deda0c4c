package dev.beton.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A hand-built world of seven accounts over 20 replay days, window 5 days, routing at 60. Every
 * expected number is worked out by hand in the comments (the same world is the worked example of
 * docs/BACKTESTING.md).
 *
 * <pre>
 * A  pricing fired d2 (score 60, routed)        won d5.5, created d1, $1000   -> TP
 * B  pricing fired d3 (35); d4 pricing suppressed + billing fired (80)  no win -> 2 FP (d4+5 <= d20)
 * C  billing fired d17 (45)                     no win                       -> pending (d22 > d20)
 * D  no signals                                 won d10, created d0, $500    -> missed win
 * E  pricing measured 1 at d5 (below 2)         no win
 * F  pricing fired d12 (35)                     won d19, created d10, $700   -> FP (won after d12+5)
 * G  no signals, no win
 * </pre>
 */
class BacktestMetricsTest {

    static final Instant D0 = Instant.parse("2026-01-01T06:00:00Z");
    static final Duration WINDOW = Duration.ofDays(5);

    @Test
    void precisionPerSignalAndOverallCountFiredSignalsOnlyAndLeavePendingOnesOut() {
        BacktestReport report = compute(List.of());

        // pricing: A TP, B FP, F FP -> 1/3.  billing: B FP, C pending -> 0/1.
        assertThat(signal(report, SignalType.PRICING_INTENT).precision()).isEqualTo(Ratio.of(1, 3));
        assertThat(signal(report, SignalType.PRICING_INTENT).fired()).isEqualTo(3);
        assertThat(signal(report, SignalType.BILLING_INTENT).precision()).isEqualTo(Ratio.of(0, 1));
        assertThat(signal(report, SignalType.BILLING_INTENT).pending()).isEqualTo(1);
        // overall: 5 fired, 1 TP, 3 FP, 1 pending -> 1/4.
        assertThat(report.overall().firedSignals()).isEqualTo(5);
        assertThat(report.overall().pending()).isEqualTo(1);
        assertThat(report.overall().precision()).isEqualTo(Ratio.of(1, 4));
    }

    @Test
    void recallCountsWinsSurfacedInTheWindowBeforeTheWin() {
        BacktestReport report = compute(List.of());

        // wins in the period: A (d5.5), D (d10), F (d19). Only A was routed (d2) in [win-5d, win).
        assertThat(report.overall().recall()).isEqualTo(Ratio.of(1, 3));
        // F's pricing at d12 is before [d14, d19): not recalled.
        assertThat(signal(report, SignalType.PRICING_INTENT).recall()).isEqualTo(Ratio.of(1, 3));
        assertThat(signal(report, SignalType.BILLING_INTENT).recall()).isEqualTo(Ratio.of(0, 3));
        // F1 = 2 * 1/4 * 1/3 / (1/4 + 1/3) = 2/7
        assertThat(report.overall().f1()).isCloseTo(2.0 / 7, within(1e-9));
        assertThat(report.overall().rates())
                .isEqualTo(
                        new BacktestReport.Rates(0.25, 1.0 / 3, report.overall().f1()));
    }

    @Test
    void liftComparesTheWinRateOfRoutedAccountsWithTheRest() {
        BacktestReport report = compute(List.of());

        // routed at 60: A (TP) and B (FP, judged) -> 1/2. The rest: C D E F G, wins D and F -> 2/5.
        assertThat(report.overall().routedAccounts()).isEqualTo(2);
        assertThat(report.overall().winRateSurfaced()).isEqualTo(Ratio.of(1, 2));
        assertThat(report.overall().winRateOther()).isEqualTo(Ratio.of(2, 5));
        assertThat(report.overall().lift()).isCloseTo(1.25, within(1e-9));
    }

    @Test
    void theThresholdCurveGivesRoutedAccountsPrecisionRecallAndWonRevenuePerThreshold() {
        BacktestReport report = compute(List.of());

        assertThat(report.curve()).hasSize(101);
        // >= 0: A B C F have scores. A TP, B FP, C pending, F FP (won d19 > d12+5) -> 1/3.
        assertThat(report.curve().get(0))
                .isEqualTo(new BacktestReport.CurvePoint(
                        0, 4, Ratio.of(1, 3), Ratio.of(1, 3), new BigDecimal("1000"), Ratio.of(1, 3)));
        // >= 40: A (60) B (80) C (45); C pending -> 1/2.
        assertThat(report.curve().get(40))
                .isEqualTo(new BacktestReport.CurvePoint(
                        40, 3, Ratio.of(1, 2), Ratio.of(1, 3), new BigDecimal("1000"), Ratio.of(1, 2)));
        // >= 61: B only -> 0/1, nothing recalled.
        assertThat(report.curve().get(61))
                .isEqualTo(new BacktestReport.CurvePoint(
                        61, 1, Ratio.of(0, 1), Ratio.of(0, 3), BigDecimal.ZERO, Ratio.of(0, 1)));
        // >= 81: nobody.
        assertThat(report.curve().get(81))
                .isEqualTo(new BacktestReport.CurvePoint(
                        81, 0, Ratio.of(0, 0), Ratio.of(0, 3), BigDecimal.ZERO, Ratio.of(0, 0)));
    }

    @Test
    void aSignalsCurveTriesItsThresholdOnTheMeasuresBeforeTheThreshold() {
        BacktestReport report = compute(List.of());
        List<BacktestReport.CurvePoint> pricing = report.signalCurves().get("pricing_intent");

        // >= 1 visit: A d2, B d3, E d5, F d12 -> A TP, B E F FP -> 1/4.
        assertThat(pricing.get(0))
                .isEqualTo(new BacktestReport.CurvePoint(
                        1, 4, Ratio.of(1, 4), Ratio.of(1, 3), new BigDecimal("1000"), Ratio.of(1, 4)));
        // >= 2 visits: A B F -> 1/3.
        assertThat(pricing.get(1).precision()).isEqualTo(Ratio.of(1, 3));
        // >= 3 visits: B (d4) only -> 0/1.
        assertThat(pricing.get(2))
                .isEqualTo(new BacktestReport.CurvePoint(
                        3, 1, Ratio.of(0, 1), Ratio.of(0, 3), BigDecimal.ZERO, Ratio.of(0, 1)));
    }

    @Test
    void conversionByScoreBucketUsesThePeakScoreBeforeTheWin() {
        BacktestReport report = compute(List.of());

        // peaks: A 60, B 80, C 45, D 0, E 0, F 35, G 0.
        assertThat(report.buckets())
                .extracting(BacktestReport.Bucket::label, BacktestReport.Bucket::accounts, BacktestReport.Bucket::won)
                .containsExactly(
                        tuple("0–19", 3L, 1L),
                        tuple("20–39", 1L, 1L),
                        tuple("40–59", 1L, 0L),
                        tuple("60–79", 1L, 1L),
                        tuple("80–100", 1L, 0L));
    }

    @Test
    void timeToCloseComparesRoutedDealsWithTheRest() {
        BacktestReport report = compute(List.of());

        // A: 4.5 days, routed before. D: 10 days, F: 9 days, not routed -> 9.5.
        assertThat(report.timeToClose()).isEqualTo(new BacktestReport.TimeToClose(1, 4.5, 2, 9.5));
    }

    @Test
    void aDisqualifyLabelMakesAPendingSignalANegative() {
        BacktestReport report = compute(List.of(new OutcomeLabels.Label("c", "disqualified", day(18))));

        assertThat(signal(report, SignalType.BILLING_INTENT).precision()).isEqualTo(Ratio.of(0, 2));
        assertThat(report.overall().precision()).isEqualTo(Ratio.of(1, 5));
    }

    @Test
    void tooLittleHistoryOrTooFewClosedDealsIsCollectingData() {
        BacktestReport report = compute(List.of());

        // events since d0 (20 days), 3 closed deals: both short.
        assertThat(report.data().ready()).isFalse();
        assertThat(report.data().missing())
                .containsExactly(
                        "Only 20 days of events; a backtest needs at least 90 days.",
                        "Only 3 closed deals (won or lost) in the CRM mirror; a backtest needs at least 10.");
    }

    @Test
    void settledPrecisionCountsOnlySignalsWhoseWindowIsOver() {
        BacktestReport report = compute(List.of());

        // pricing: A d2 TP, B d3 FP, F d12 FP, all windows over by d20 -> 1/3.
        assertThat(signal(report, SignalType.PRICING_INTENT).settledPrecision()).isEqualTo(Ratio.of(1, 3));
        // billing: B d4 FP; C d17's window ends d22, after the period -> 0/1.
        assertThat(signal(report, SignalType.BILLING_INTENT).settledPrecision()).isEqualTo(Ratio.of(0, 1));
        assertThat(report.overall().settledPrecision()).isEqualTo(Ratio.of(1, 4));
    }

    @Test
    void aWinInsideAStillOpenWindowCountsForPrecisionAtOnceButForSettledPrecisionOnlyOnceItIsOver() {
        // h: pricing fired d17, won d18; the 5-day window ends d22
        List<ReplayDay> days = new ArrayList<>();
        for (int d = 0; d < 24; d++) {
            days.add(new ReplayDay(day(d), new ArrayList<>(), new ArrayList<>(), new java.util.TreeMap<>()));
        }
        signal(days, 17, "h", SignalType.PRICING_INTENT, true, 60, 2);
        List<Deal> deals = List.of(won("h", day(15), day(18), 900));

        BacktestReport open = metrics(days.subList(0, 20), day(20), deals);
        assertThat(signal(open, SignalType.PRICING_INTENT).precision()).isEqualTo(Ratio.of(1, 1));
        assertThat(signal(open, SignalType.PRICING_INTENT).settledPrecision()).isEqualTo(Ratio.of(0, 0));
        // the routing curve at 60 and the signal's curve at 2 visits judge h the same two ways
        assertThat(open.curve().get(60).precision()).isEqualTo(Ratio.of(1, 1));
        assertThat(open.curve().get(60).settledPrecision()).isEqualTo(Ratio.of(0, 0));
        assertThat(open.signalCurves().get("pricing_intent").get(1).settledPrecision())
                .isEqualTo(Ratio.of(0, 0));

        BacktestReport over = metrics(days, day(24), deals);
        assertThat(signal(over, SignalType.PRICING_INTENT).settledPrecision()).isEqualTo(Ratio.of(1, 1));
        assertThat(over.curve().get(60).settledPrecision()).isEqualTo(Ratio.of(1, 1));
    }

    private static BacktestReport metrics(List<ReplayDay> days, Instant periodEnd, List<Deal> deals) {
        return BacktestMetrics.compute(new BacktestMetrics.Inputs(
                days,
                periodEnd,
                WINDOW,
                60,
                Map.of(SignalType.PRICING_INTENT, 2),
                deals,
                List.of(),
                Set.of("h"),
                Optional.of(day(0)),
                1));
    }

    @Test
    void aSignalsAccuracyMonthByMonthAddsUpToItsTotals() {
        BacktestReport report = twoMonths();

        assertThat(report.signalHistory().get("pricing_intent"))
                .containsExactly(
                        new BacktestReport.MonthPoint("2026-01", 2, 1, 1, 0, Ratio.of(1, 2), Ratio.of(1, 1), true),
                        new BacktestReport.MonthPoint("2026-02", 2, 1, 0, 1, Ratio.of(1, 1), Ratio.of(1, 2), false));
        assertThat(signal(report, SignalType.PRICING_INTENT).precision()).isEqualTo(Ratio.of(2, 3));
        assertThat(signal(report, SignalType.PRICING_INTENT).recall()).isEqualTo(Ratio.of(2, 3));
    }

    @Test
    void aMonthWithoutSignalsStillHasItsRow() {
        // billing never fires in the two-month world: each month keeps its wins, none recalled
        assertThat(twoMonths().signalHistory().get("billing_intent"))
                .containsExactly(
                        new BacktestReport.MonthPoint("2026-01", 0, 0, 0, 0, Ratio.of(0, 0), Ratio.of(0, 1), true),
                        new BacktestReport.MonthPoint("2026-02", 0, 0, 0, 0, Ratio.of(0, 0), Ratio.of(0, 2), false));
    }

    /**
     * A second world across two months (window 5 days, period 2026-01-01 to 2026-02-22), pricing only:
     *
     * <pre>
     * a  fired Jan 10, won Jan 12                 -> Jan TP; Jan win recalled
     * b  fired Jan 20, no win (Jan 25 <= end)     -> Jan FP
     * c  fired Feb 3, won Feb 6                   -> Feb TP; Feb win recalled
     * d  no signal, won Feb 10                    -> Feb win missed
     * e  fired Feb 20, window open at the end     -> Feb pending
     * </pre>
     *
     * January: 2 fired, precision 1 of 2, recall 1 of 1; settled (Jan 31 + 5 days is before the end).
     * February: 2 fired, 1 pending, precision 1 of 1, recall 1 of 2; not settled (Feb 28 + 5 days is
     * after it). The months add up to the totals: 4 fired, precision 2 of 3, recall 2 of 3.
     */
    private static BacktestReport twoMonths() {
        Instant jan1 = Instant.parse("2026-01-01T06:00:00Z");
        List<ReplayDay> days = new ArrayList<>();
        for (int d = 0; d < 52; d++) {
            days.add(new ReplayDay(
                    jan1.plus(Duration.ofDays(d)), new ArrayList<>(), new ArrayList<>(), new java.util.TreeMap<>()));
        }
        signal(days, 9, "a", SignalType.PRICING_INTENT, true, 35, 2);
        signal(days, 19, "b", SignalType.PRICING_INTENT, true, 35, 2);
        signal(days, 33, "c", SignalType.PRICING_INTENT, true, 35, 2);
        signal(days, 50, "e", SignalType.PRICING_INTENT, true, 35, 2);
        return BacktestMetrics.compute(new BacktestMetrics.Inputs(
                days,
                jan1.plus(Duration.ofDays(52)),
                WINDOW,
                60,
                Map.of(SignalType.PRICING_INTENT, 2, SignalType.BILLING_INTENT, 1),
                List.of(
                        won("a", jan1, jan1.plus(Duration.ofDays(11)), 100),
                        won("c", jan1, jan1.plus(Duration.ofDays(36)), 100),
                        won("d", jan1, jan1.plus(Duration.ofDays(40)), 100)),
                List.of(),
                Set.of("a", "b", "c", "d", "e"),
                Optional.of(jan1.minus(Duration.ofDays(100))),
                1));
    }

    private static BacktestReport compute(List<OutcomeLabels.Label> labels) {
        List<ReplayDay> days = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            days.add(new ReplayDay(day(d), new ArrayList<>(), new ArrayList<>(), new java.util.TreeMap<>()));
        }
        signal(days, 2, "a", SignalType.PRICING_INTENT, true, 60, 2);
        signal(days, 3, "b", SignalType.PRICING_INTENT, true, 35, 2);
        signal(days, 4, "b", SignalType.PRICING_INTENT, false, 80, 3);
        signal(days, 4, "b", SignalType.BILLING_INTENT, true, 80, 1);
        signal(days, 17, "c", SignalType.BILLING_INTENT, true, 45, 1);
        measure(days, 5, "e", SignalType.PRICING_INTENT, 1);
        signal(days, 12, "f", SignalType.PRICING_INTENT, true, 35, 2);
        List<Deal> deals = List.of(
                won("a", day(1), day(5).plus(Duration.ofHours(12)), 1000),
                won("d", day(0), day(10), 500),
                won("f", day(10), day(19), 700));
        return BacktestMetrics.compute(new BacktestMetrics.Inputs(
                days,
                day(20),
                WINDOW,
                60,
                Map.of(SignalType.PRICING_INTENT, 2, SignalType.BILLING_INTENT, 1),
                deals,
                labels,
                Set.of("a", "b", "c", "d", "e", "f", "g"),
                Optional.of(day(0)),
                10));
    }

    private static void signal(
            List<ReplayDay> days, int d, String account, SignalType type, boolean fired, int score, double measure) {
        ReplayDay day = days.get(d);
        day.signals().add(new ReplayDay.DaySignal(account, type, fired));
        day.scores().removeIf(s -> s.accountKey().equals(account));
        day.scores().add(new ReplayDay.DayScore(account, score));
        measure(days, d, account, type, measure);
    }

    private static void measure(List<ReplayDay> days, int d, String account, SignalType type, double measure) {
        days.get(d)
                .measures()
                .computeIfAbsent(type, t -> new ArrayList<>())
                .add(new SignalCatalog.Measured(account, measure));
    }

    private static Deal won(String account, Instant created, Instant closed, int amount) {
        return new Deal(
                "deal-" + account, account, "pql", "won", BigDecimal.valueOf(amount), created, Optional.of(closed));
    }

    private static BacktestReport.SignalMetrics signal(BacktestReport report, SignalType type) {
        return report.signals().stream()
                .filter(s -> s.type().equals(type.key()))
                .findFirst()
                .orElseThrow();
    }

    static Instant day(int n) {
        return D0.plus(Duration.ofDays(n));
    }
}
