package dev.beton.bizevents;

/**
 * The sums and counts the executive summary is computed from, for one tenant and one half of the
 * period (or any union of them, by {@link #plus}). DuckDB computes them in SQL over the event
 * store ({@link BusinessEventReader#aggregates}); ExecutiveSummaryParityTest holds the summary made
 * from them equal to the one computed in Java over every typed event.
 */
record SummaryTotals(
        long events,
        long revenueEvents,
        double positiveRevenue,
        double negativeRevenue,
        long efficiencyEvents,
        double efficiencyScoreSum,
        long mailEvents,
        double weightedBounce,
        double emails,
        long costEvents,
        long costsWithinBudget,
        double realizedSavings,
        double projectedSavings,
        double totalSavings,
        long strategicDecisions) {

    static final SummaryTotals NONE = new SummaryTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    SummaryTotals plus(SummaryTotals o) {
        return new SummaryTotals(
                events + o.events,
                revenueEvents + o.revenueEvents,
                positiveRevenue + o.positiveRevenue,
                negativeRevenue + o.negativeRevenue,
                efficiencyEvents + o.efficiencyEvents,
                efficiencyScoreSum + o.efficiencyScoreSum,
                mailEvents + o.mailEvents,
                weightedBounce + o.weightedBounce,
                emails + o.emails,
                costEvents + o.costEvents,
                costsWithinBudget + o.costsWithinBudget,
                realizedSavings + o.realizedSavings,
                projectedSavings + o.projectedSavings,
                totalSavings + o.totalSavings,
                strategicDecisions + o.strategicDecisions);
    }

    Double meanEfficiency() {
        return efficiencyEvents == 0 ? null : efficiencyScoreSum / efficiencyEvents;
    }

    double netRevenue() {
        return positiveRevenue - negativeRevenue;
    }
}
