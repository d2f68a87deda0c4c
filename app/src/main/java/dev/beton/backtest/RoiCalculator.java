package dev.beton.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What PQLs brought against what Beton cost over a backtest's period. Inputs have documented
 * defaults (docs/BACKTESTING.md): the PRD's $50,000 a year, $50 per SDR hour, 15 minutes of
 * research saved per routed account.
 */
final class RoiCalculator {

    static final BigDecimal DEFAULT_COST_PER_YEAR = new BigDecimal("50000");
    static final BigDecimal DEFAULT_SDR_HOUR = new BigDecimal("50");
    static final int DEFAULT_MINUTES_SAVED = 15;

    record Inputs(BigDecimal betonCostPerYear, BigDecimal sdrHourCost, int minutesSavedPerRoutedAccount) {}

    /**
     * @param pqlPipeline amounts of PQL deals created in the period (any stage)
     * @param pqlWonRevenue amounts of PQL deals won in the period
     * @param periodCost the yearly cost prorated to the period's days
     * @param sdrTimeSaved routed accounts × minutes saved, at the SDR hour cost
     * @param pipelineToCost pipeline / period cost (the PRD's "42× ROI"); null when the cost is 0
     */
    record Roi(
            Inputs inputs,
            long periodDays,
            long pqlDeals,
            BigDecimal pqlPipeline,
            long pqlWon,
            BigDecimal pqlWonRevenue,
            long routedAccounts,
            BigDecimal periodCost,
            BigDecimal sdrTimeSaved,
            Double pipelineToCost,
            Double wonRevenueToCost) {}

    private RoiCalculator() {}

    static Roi calculate(Inputs inputs, List<Deal> deals, Instant start, Instant end, long routedAccounts) {
        List<Deal> pql = deals.stream()
                .filter(d -> PqlPerformance.sourceOf(d).equals("pql"))
                .filter(d -> !d.createdAt().isBefore(start) && d.createdAt().isBefore(end))
                .toList();
        BigDecimal pipeline = pql.stream().map(Deal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Deal> won = deals.stream()
                .filter(d -> PqlPerformance.sourceOf(d).equals("pql") && d.won())
                .filter(d -> !d.closedAt().get().isBefore(start)
                        && d.closedAt().get().isBefore(end))
                .toList();
        BigDecimal wonRevenue = won.stream().map(Deal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        long days = Math.max(1, Duration.between(start, end).toDays());
        BigDecimal periodCost = inputs.betonCostPerYear()
                .multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(365), 2, RoundingMode.HALF_UP);
        BigDecimal saved = inputs.sdrHourCost()
                .multiply(BigDecimal.valueOf(routedAccounts * (long) inputs.minutesSavedPerRoutedAccount()))
                .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
        return new Roi(
                inputs,
                days,
                pql.size(),
                pipeline,
                won.size(),
                wonRevenue,
                routedAccounts,
                periodCost,
                saved,
                ratio(pipeline, periodCost),
                ratio(wonRevenue, periodCost));
    }

    private static Double ratio(BigDecimal value, BigDecimal cost) {
        return cost.signum() == 0 ? null : value.doubleValue() / cost.doubleValue();
    }
}
