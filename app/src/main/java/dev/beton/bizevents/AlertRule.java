package dev.beton.bizevents;

import dev.beton.bizevents.BusinessEvent.CostOptimization;
import dev.beton.bizevents.BusinessEvent.EmailDeliverability;
import dev.beton.bizevents.BusinessEvent.OperationalEfficiency;
import dev.beton.bizevents.BusinessEvent.ResourceUsage;
import dev.beton.bizevents.BusinessEvent.RevenueImpact;
import dev.beton.bizevents.BusinessEvent.StrategicDecision;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The seed's alert tiers as built-in rules. A workspace may switch a rule off, change its
 * threshold and name its recipients ({@link AlertRules}); the condition itself is code. Rules of
 * one {@code family} are tiers of the same measure: only the first that matches (critical before
 * high before medium) raises an alert, so a $25,000 loss is one critical alert, not three.
 */
enum AlertRule {
    REVENUE_IMPACT_CRITICAL(Tier.CRITICAL, "revenue", "Revenue impact over $", 10_000.0),
    BOUNCE_RATE_CRITICAL(Tier.CRITICAL, "bounce", "Bounce rate over ", 0.15),
    COST_OVERRUN_CRITICAL(Tier.CRITICAL, "cost-overrun", "Cost over budget by more than ", 0.20),
    SECURITY_INCIDENT_CRITICAL(Tier.CRITICAL, "security", "Security incident affecting customer data", null),
    REVENUE_IMPACT_HIGH(Tier.HIGH, "revenue", "Revenue impact of at least $", 1_000.0),
    OPTIMIZATION_OPPORTUNITY_HIGH(Tier.HIGH, "optimization", "Optimization opportunity over $", 5_000.0),
    EFFICIENCY_SCORE_HIGH(Tier.HIGH, "efficiency", "Efficiency score below ", 70.0),
    INITIATIVE_DELAY_HIGH(Tier.HIGH, "initiative", "Strategic initiative delayed", null),
    REVENUE_IMPACT_MEDIUM(Tier.MEDIUM, "revenue", "Revenue impact of at least $", 100.0),
    EFFICIENCY_TREND_MEDIUM(Tier.MEDIUM, "efficiency-trend", "Operational efficiency declining", null),
    UTILIZATION_CHANGE_MEDIUM(Tier.MEDIUM, "utilization", "Resource utilization changing", null),
    DECISION_OUTCOME_MEDIUM(Tier.MEDIUM, "decision", "Strategic decision to track", null);

    enum Tier {
        CRITICAL,
        HIGH,
        MEDIUM;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Tier fromColumn(String column) {
            return valueOf(column.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private final Tier tier;
    private final String family;
    private final String label;
    private final Double defaultThreshold;

    AlertRule(Tier tier, String family, String label, Double defaultThreshold) {
        this.tier = tier;
        this.family = family;
        this.label = label;
        this.defaultThreshold = defaultThreshold;
    }

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    Tier tier() {
        return tier;
    }

    String family() {
        return family;
    }

    Optional<Double> defaultThreshold() {
        return Optional.ofNullable(defaultThreshold);
    }

    /** The rule as a sentence with its (effective) threshold. */
    String describe(Double threshold) {
        if (threshold == null) {
            return label;
        }
        return switch (this) {
            case BOUNCE_RATE_CRITICAL, COST_OVERRUN_CRITICAL -> label + percent(threshold);
            case EFFICIENCY_SCORE_HIGH -> label + number(threshold);
            default -> label + String.format(java.util.Locale.ROOT, "%,.0f", threshold);
        };
    }

    /**
     * Why a threshold makes no sense for this rule, as a sentence a user can act on; empty when it
     * does. Rates are fractions (0.15 = 15 %), a common slip is typing the percentage.
     */
    Optional<String> refusal(double threshold) {
        if (Double.isNaN(threshold) || Double.isInfinite(threshold) || threshold < 0) {
            return Optional.of("The threshold of " + key() + " must be a number of at least 0.");
        }
        return switch (this) {
            case BOUNCE_RATE_CRITICAL ->
                threshold > 1
                        ? Optional.of("The bounce rate threshold is a fraction from 0 to 1 (0.15 = 15 %), not "
                                + number(threshold) + ".")
                        : Optional.empty();
            case COST_OVERRUN_CRITICAL ->
                threshold > 10
                        ? Optional.of("The cost overrun threshold is a fraction of the budget (0.2 = 20 %), at most"
                                + " 10, not " + number(threshold) + ".")
                        : Optional.empty();
            case EFFICIENCY_SCORE_HIGH ->
                threshold > 100
                        ? Optional.of("The efficiency score threshold is a score from 0 to 100, not "
                                + number(threshold) + ".")
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    static Optional<AlertRule> byKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
    }

    /**
     * Whether the event breaks this rule at the given threshold.
     *
     * @return a sentence about the event saying why, when it does
     */
    Optional<String> match(BusinessEvent event, Double threshold) {
        double t = threshold == null ? 0 : threshold;
        return switch (this) {
            case REVENUE_IMPACT_CRITICAL ->
                event instanceof RevenueImpact r && r.negative() && r.impactAmount() > t
                        ? Optional.of(money(r.impactAmount()) + " revenue at risk (" + r.eventType() + ")")
                        : Optional.empty();
            case REVENUE_IMPACT_HIGH, REVENUE_IMPACT_MEDIUM ->
                event instanceof RevenueImpact r && r.negative() && r.impactAmount() >= t
                        ? Optional.of(money(r.impactAmount()) + " revenue at risk (" + r.eventType() + ")")
                        : Optional.empty();
            case BOUNCE_RATE_CRITICAL ->
                bounceRate(event).filter(rate -> rate > t).map(rate -> "bounce rate " + percent(rate));
            case COST_OVERRUN_CRITICAL ->
                event instanceof CostOptimization c && c.overrun() > t
                        ? Optional.of(c.optimizationCategory() + " costs " + money(c.optimizedCost())
                                + " against a budget of " + money(c.baselineCost()) + " (+" + percent(c.overrun())
                                + ")")
                        : Optional.empty();
            case SECURITY_INCIDENT_CRITICAL ->
                event instanceof RevenueImpact r && "security_incident".equals(r.eventType())
                        ? Optional.of(
                                "security incident: " + (r.actionRequired() == null ? "see event" : r.actionRequired()))
                        : Optional.empty();
            case OPTIMIZATION_OPPORTUNITY_HIGH ->
                event instanceof CostOptimization c
                                && !c.realized()
                                && !"rejected".equals(c.optimizationType())
                                && c.savingsAmount() > t
                        ? Optional.of(money(c.savingsAmount()) + " to save on " + c.optimizationCategory())
                        : Optional.empty();
            case EFFICIENCY_SCORE_HIGH ->
                event instanceof OperationalEfficiency o && o.efficiencyScore() < t
                        ? Optional.of(o.efficiencyMetric() + " efficiency score " + number(o.efficiencyScore()))
                        : Optional.empty();
            case INITIATIVE_DELAY_HIGH ->
                event instanceof StrategicDecision s && "delayed".equals(s.initiativeStatus())
                        ? Optional.of("\"" + s.decisionTitle() + "\" is delayed")
                        : Optional.empty();
            case EFFICIENCY_TREND_MEDIUM ->
                event instanceof OperationalEfficiency o && "declining".equals(o.trendDirection())
                        ? Optional.of(o.efficiencyMetric() + " is declining")
                        : Optional.empty();
            case UTILIZATION_CHANGE_MEDIUM ->
                event instanceof ResourceUsage u && utilizationChanges(u)
                        ? Optional.of(u.resourceType() + " at " + number(u.utilizationPercentage()) + " % utilization"
                                + (u.usageTrend() == null ? "" : ", " + u.usageTrend()))
                        : Optional.empty();
            case DECISION_OUTCOME_MEDIUM ->
                event instanceof StrategicDecision s
                        ? Optional.of("decision \"" + s.decisionTitle() + "\" to track"
                                + (s.outcomeTimeframe() == null ? "" : " over " + s.outcomeTimeframe()))
                        : Optional.empty();
        };
    }

    private static Optional<Double> bounceRate(BusinessEvent event) {
        if (event instanceof EmailDeliverability d) {
            return Optional.ofNullable(d.bounceRate());
        }
        if (event instanceof RevenueImpact r) {
            return Optional.ofNullable(r.bounceRate());
        }
        return Optional.empty();
    }

    private static boolean utilizationChanges(ResourceUsage u) {
        return Boolean.TRUE.equals(u.overUtilized())
                || Boolean.TRUE.equals(u.underUtilized())
                || (u.usageTrend() != null && !"stable".equals(u.usageTrend()));
    }

    static List<AlertRule> inFamily(String family) {
        return Arrays.stream(values()).filter(r -> r.family.equals(family)).toList();
    }

    static String money(Double amount) {
        return amount == null ? "?" : String.format(java.util.Locale.ROOT, "$%,.0f", amount);
    }

    static String percent(double fraction) {
        return number(fraction * 100) + " %";
    }

    static String number(double raw) {
        double value = Math.round(raw * 10) / 10.0; // 0.15 × 100 is 15.000000000000002
        return value == Math.rint(value)
                ? String.valueOf((long) value)
                : String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
