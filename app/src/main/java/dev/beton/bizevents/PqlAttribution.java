package dev.beton.bizevents;

import dev.beton.backtest.Deal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Product-signal attribution beside the executive summary (beyond the seed): the pipeline created
 * and the revenue won in the same period, and how much of each came from PQL deals ({@code
 * lead_source = pql} in the CRM mirror). Workspace-wide: business events' tenants are not CRM
 * accounts, so a tenant's summary shows the workspace's figures.
 *
 * @param pipeline amount (annual value, USD) of every deal created in the period
 * @param pqlPipeline of it, from PQL deals
 * @param won amount of every deal won (closed as won) in the period
 * @param pqlWon of it, from PQL deals
 * @param pqlShareOfPipeline percent, null without pipeline
 * @param pqlShareOfWon percent, null without won deals
 */
public record PqlAttribution(
        double pipeline,
        double pqlPipeline,
        long pqlDealsCreated,
        double won,
        double pqlWon,
        long pqlDealsWon,
        Double pqlShareOfPipeline,
        Double pqlShareOfWon,
        String basis) {

    static final String BASIS = "CRM mirror (crm_deals): deals created in the period make the pipeline, deals"
            + " closed as won in the period the won revenue; PQL deals are those with lead source pql.";

    static PqlAttribution of(List<Deal> deals, Instant from, Instant to) {
        Predicate<Instant> inPeriod = at -> !at.isBefore(from) && at.isBefore(to);
        List<Deal> created =
                deals.stream().filter(d -> inPeriod.test(d.createdAt())).toList();
        List<Deal> won = deals.stream()
                .filter(d -> d.won() && inPeriod.test(d.closedAt().orElseThrow()))
                .toList();
        double pipeline = sum(created);
        double pqlPipeline = sum(created.stream().filter(PqlAttribution::pql).toList());
        double wonAmount = sum(won);
        double pqlWon = sum(won.stream().filter(PqlAttribution::pql).toList());
        return new PqlAttribution(
                pipeline,
                pqlPipeline,
                created.stream().filter(PqlAttribution::pql).count(),
                wonAmount,
                pqlWon,
                won.stream().filter(PqlAttribution::pql).count(),
                share(pqlPipeline, pipeline),
                share(pqlWon, wonAmount),
                BASIS);
    }

    private static boolean pql(Deal deal) {
        return "pql".equalsIgnoreCase(deal.leadSource());
    }

    private static double sum(List<Deal> deals) {
        return deals.stream()
                .map(Deal::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .doubleValue();
    }

    private static Double share(double part, double whole) {
        return whole <= 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }
}
