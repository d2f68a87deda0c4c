package dev.beton.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ROI over a 73-day period (a fifth of a year), worked by hand. */
class RoiCalculatorTest {

    static final Instant START = Instant.parse("2026-01-01T06:00:00Z");
    static final Instant END = START.plusSeconds(73L * 86_400);

    @Test
    void pqlPipelineAndWonRevenueAgainstTheProratedCostAndSdrTimeSaved() {
        List<Deal> deals = List.of(
                deal("pql", "won", 20_000, START.plusSeconds(86_400), START.plusSeconds(10 * 86_400)),
                deal("pql", "open", 30_000, START.plusSeconds(20 * 86_400), null),
                deal("pql", "won", 99_000, START.minusSeconds(86_400), START.minusSeconds(3600)), // before
                deal("inbound", "won", 40_000, START.plusSeconds(86_400), START.plusSeconds(5 * 86_400)));

        RoiCalculator.Roi roi = RoiCalculator.calculate(
                new RoiCalculator.Inputs(new BigDecimal("50000"), new BigDecimal("60"), 15), deals, START, END, 8);

        // pipeline 20,000 + 30,000; won 20,000; cost 50,000 × 73 / 365 = 10,000; saved 8 × 15 min × $60/h = 120.
        assertThat(roi.pqlDeals()).isEqualTo(2);
        assertThat(roi.pqlPipeline()).isEqualByComparingTo("50000");
        assertThat(roi.pqlWonRevenue()).isEqualByComparingTo("20000");
        assertThat(roi.periodCost()).isEqualByComparingTo("10000");
        assertThat(roi.sdrTimeSaved()).isEqualByComparingTo("120");
        assertThat(roi.pipelineToCost()).isCloseTo(5.0, within(1e-9));
        assertThat(roi.wonRevenueToCost()).isCloseTo(2.0, within(1e-9));
    }

    private static Deal deal(String source, String stage, int amount, Instant created, Instant closed) {
        return new Deal(
                "d-" + amount, "a", source, stage, BigDecimal.valueOf(amount), created, Optional.ofNullable(closed));
    }
}
