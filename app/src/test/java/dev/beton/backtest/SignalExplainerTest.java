package dev.beton.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tuning tips read off a signal's curve (the demo world's pricing-intent curve, numbers by hand). */
class SignalExplainerTest {

    static final List<BacktestReport.CurvePoint> PRICING = List.of(
            point(1, 176, 46, 124, 58),
            point(2, 164, 46, 115, 56),
            point(3, 144, 48, 100, 55),
            point(4, 88, 51, 65, 53),
            point(5, 72, 51, 58, 52),
            point(6, 4, 3, 3, 3)); // judged on 3 accounts: too thin to recommend

    @Test
    void suggestsTheNearestStricterThresholdGainingTenPointsAndTheBestBalance() {
        List<String> tips = SignalExplainer.tips(SignalType.PRICING_INTENT, 2, PRICING);

        // 3 visits gains only 8 points (48 % vs 40 %); 4 gains 38. F1 at 5 = 2 × .879 × .8125 / 1.692 = 0.84.
        assertThat(tips)
                .containsExactly(
                        "at 4 instead of 2, precision 78 % (51 of 65) instead of 40 % (46 of 115), recall 83 % instead"
                                + " of 88 %; 88 accounts instead of 164.",
                        "Best balance (F1 0.84): at 5 instead of 2, precision 88 % (51 of 58) instead of 40 % (46 of"
                                + " 115), recall 81 % instead of 88 %; 72 accounts instead of 164.");
    }

    @Test
    void withEnoughSettledAccountsTheTipsCompareSettledPrecision() {
        // precision (early wins counted at once) against settled precision (windows over), by hand
        List<BacktestReport.CurvePoint> curve = List.of(
                settled(2, 159, Ratio.of(43, 112), Ratio.of(21, 90), 52),
                settled(3, 141, Ratio.of(43, 92), Ratio.of(20, 69), 49),
                settled(4, 85, Ratio.of(46, 59), Ratio.of(17, 30), 46),
                settled(6, 50, Ratio.of(42, 45), Ratio.of(12, 15), 42));

        // settled: 3 visits gains 6 points (29 % vs 23 %), 4 gains 33. F1 at 6 = 2 × .8 × .724 / 1.524 = 0.76.
        assertThat(SignalExplainer.tips(SignalType.PRICING_INTENT, 2, curve))
                .containsExactly(
                        "at 4 instead of 2, settled precision 57 % (17 of 30) instead of 23 % (21 of 90), recall 79 %"
                                + " instead of 90 %; 85 accounts instead of 159.",
                        "Best balance (F1 0.76): at 6 instead of 2, settled precision 80 % (12 of 15) instead of 23 %"
                                + " (21 of 90), recall 72 % instead of 90 %; 50 accounts instead of 159.");
    }

    private static BacktestReport.CurvePoint settled(
            int threshold, long routed, Ratio precision, Ratio settled, long recalled) {
        return new BacktestReport.CurvePoint(
                threshold, routed, precision, Ratio.of(recalled, 58), BigDecimal.ZERO, settled);
    }

    @Test
    void explainsTheDefinitionInWordsAndItsQueryInBothDialects() {
        BacktestReport report = new BacktestReport(
                null, null, List.of(), List.of(), Map.of("pricing_intent", PRICING), List.of(), null, null);

        SignalExplainer.Explanation explanation = SignalExplainer.explain(
                SignalCatalog.of(SignalSettings.defaults(), 0),
                SignalType.PRICING_INTENT,
                report,
                Instant.parse("2026-11-23T06:00:00Z"));

        assertThat(explanation.meaning())
                .isEqualTo("fires when pricing page views in the last 7 days is at least the threshold (2)");
        assertThat(explanation.definition()).isEqualTo("signal.pricing_intent@1");
        assertThat(explanation.duckDbSql()).contains("json_extract_string");
        assertThat(explanation.hogQl()).contains("properties.$current_url");
        assertThat(explanation.tips()).hasSize(2);
    }

    private static BacktestReport.CurvePoint point(int threshold, long routed, long won, long judged, long recalled) {
        // no settled precision: a report stored before it was kept, so the tips compare precision
        return new BacktestReport.CurvePoint(
                threshold, routed, Ratio.of(won, judged), Ratio.of(recalled, 64), BigDecimal.ZERO, null);
    }
}
