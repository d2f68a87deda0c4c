package dev.beton.bizevents;

import dev.beton.bizevents.BusinessEvent.CostOptimization;
import dev.beton.bizevents.BusinessEvent.EmailDeliverability;
import dev.beton.bizevents.BusinessEvent.OperationalEfficiency;
import dev.beton.bizevents.BusinessEvent.RevenueImpact;
import dev.beton.bizevents.BusinessEvent.StrategicDecision;
import dev.beton.bizevents.ExecutiveSummary.CostRow;
import dev.beton.bizevents.ExecutiveSummary.HealthComponent;
import dev.beton.bizevents.ExecutiveSummary.KeyMetrics;
import dev.beton.bizevents.ExecutiveSummary.PerformanceRow;
import dev.beton.bizevents.ExecutiveSummary.TrendAnalysis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The arithmetic of the executive summary, plain Java over the period's valid business events (the
 * formulas are in docs/BUSINESS-EVENTS.md; {@code summary-cases.json} holds worked examples).
 */
final class SummaryCalculator {

    static final double REVENUE_WEIGHT = 0.35;
    static final double EFFICIENCY_WEIGHT = 0.30;
    static final double DELIVERABILITY_WEIGHT = 0.20;
    static final double COST_WEIGHT = 0.15;
    /** The default critical bounce rate: at it, deliverability scores 0. */
    static final double CRITICAL_BOUNCE = 0.15;
    /** The default critical overrun of a cost over its baseline. */
    static final double CRITICAL_OVERRUN = 0.20;

    static final int PENALTY_PER_CRITICAL = 10;
    static final int MAX_PENALTY = 30;
    static final double MONEY_TREND = 0.10;
    static final double SCORE_TREND = 2.0;

    static final String TREND_RULE = "Compares the second half of the period with the first: net revenue impact"
            + " (positive − negative) and realized savings are improving when they rise by more than 10 % of the"
            + " larger half's magnitude, declining when they fall by more; the mean efficiency score when it moves"
            + " by more than 2 points. Stable otherwise, and when either half has no events.";

    private SummaryCalculator() {}

    record Health(int score, List<HealthComponent> components, int penalty) {}

    static Health health(List<DatedEvent> events, long openCriticalAlerts) {
        List<HealthComponent> components = new ArrayList<>();
        double positive = sum(events, RevenueImpact.class, r -> !r.negative(), RevenueImpact::impactAmount);
        double negative = sum(events, RevenueImpact.class, RevenueImpact::negative, RevenueImpact::impactAmount);
        if (positive + negative > 0) {
            components.add(new HealthComponent(
                    "revenue",
                    100 * positive / (positive + negative),
                    REVENUE_WEIGHT,
                    "positive / (positive + negative) revenue impact"));
        }
        List<OperationalEfficiency> efficiency = of(events, OperationalEfficiency.class);
        if (!efficiency.isEmpty()) {
            components.add(new HealthComponent(
                    "efficiency",
                    efficiency.stream()
                            .mapToDouble(OperationalEfficiency::efficiencyScore)
                            .average()
                            .orElseThrow(),
                    EFFICIENCY_WEIGHT,
                    "mean efficiency_score"));
        }
        List<EmailDeliverability> mail = of(events, EmailDeliverability.class).stream()
                .filter(d -> d.bounceRate() != null)
                .toList();
        long emails = mail.stream().mapToLong(d -> Math.max(1, d.emailCount())).sum();
        if (!mail.isEmpty()) {
            double bounce = mail.stream()
                            .mapToDouble(d -> d.bounceRate() * Math.max(1, d.emailCount()))
                            .sum()
                    / emails;
            components.add(new HealthComponent(
                    "deliverability",
                    100 * Math.max(0, 1 - bounce / CRITICAL_BOUNCE),
                    DELIVERABILITY_WEIGHT,
                    "1 − email-weighted bounce rate / 15 %"));
        }
        List<CostOptimization> costs = of(events, CostOptimization.class);
        if (!costs.isEmpty()) {
            long within =
                    costs.stream().filter(c -> c.overrun() <= CRITICAL_OVERRUN).count();
            components.add(new HealthComponent(
                    "cost",
                    100.0 * within / costs.size(),
                    COST_WEIGHT,
                    "share of cost events within 20 % of their baseline"));
        }
        double weights =
                components.stream().mapToDouble(HealthComponent::weight).sum();
        double base = weights == 0
                ? 100
                : components.stream().mapToDouble(c -> c.score() * c.weight()).sum() / weights;
        int penalty = (int) Math.min(MAX_PENALTY, PENALTY_PER_CRITICAL * openCriticalAlerts);
        int score = (int) Math.round(Math.max(0, Math.min(100, base - penalty)));
        return new Health(
                score, components.stream().map(SummaryCalculator::rounded).toList(), penalty);
    }

    static KeyMetrics keyMetrics(List<DatedEvent> events, Instant from, Instant to) {
        double positive = sum(events, RevenueImpact.class, r -> !r.negative(), RevenueImpact::impactAmount);
        double negative = sum(events, RevenueImpact.class, RevenueImpact::negative, RevenueImpact::impactAmount);
        double days = Math.max(1, Duration.between(from, to).toHours() / 24.0);
        List<OperationalEfficiency> efficiency = of(events, OperationalEfficiency.class);
        return new KeyMetrics(
                round(positive * 30 / days),
                sum(events, CostOptimization.class, CostOptimization::realized, CostOptimization::savingsAmount),
                efficiency.isEmpty()
                        ? null
                        : round(efficiency.stream()
                                .mapToDouble(OperationalEfficiency::efficiencyScore)
                                .average()
                                .orElseThrow()),
                of(events, StrategicDecision.class).size(),
                positive,
                negative,
                positive + negative > 0 ? round(100 * positive / (positive + negative)) : null,
                sum(
                        events,
                        CostOptimization.class,
                        c -> "identified".equals(c.optimizationType()) || "planned".equals(c.optimizationType()),
                        CostOptimization::savingsAmount));
    }

    static TrendAnalysis trends(List<DatedEvent> events, Instant from, Instant to) {
        Instant middle = from.plus(Duration.between(from, to).dividedBy(2));
        List<DatedEvent> first =
                events.stream().filter(e -> e.at().isBefore(middle)).toList();
        List<DatedEvent> second =
                events.stream().filter(e -> !e.at().isBefore(middle)).toList();
        String revenue = has(first, RevenueImpact.class) && has(second, RevenueImpact.class)
                ? money(net(first), net(second))
                : "stable";
        Predicate<CostOptimization> realized = CostOptimization::realized;
        String cost = has(first, CostOptimization.class) && has(second, CostOptimization.class)
                ? money(
                        sum(first, CostOptimization.class, realized, CostOptimization::savingsAmount),
                        sum(second, CostOptimization.class, realized, CostOptimization::savingsAmount))
                : "stable";
        String efficiency = has(first, OperationalEfficiency.class) && has(second, OperationalEfficiency.class)
                ? score(meanEfficiency(first), meanEfficiency(second))
                : "stable";
        return new TrendAnalysis(revenue, cost, efficiency, TREND_RULE);
    }

    /**
     * The event's own actions, most pressing first: each mention weighs by its event's urgency
     * (critical 4, high 3, medium 2, low or unstated 1); ties by first appearance.
     */
    static List<String> recommendedActions(List<DatedEvent> events, int limit) {
        Map<String, double[]> weights = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        for (DatedEvent dated : events) {
            double weight = urgency(dated.event());
            for (String action : dated.event().actions()) {
                String key = action.toLowerCase(Locale.ROOT);
                spelling.putIfAbsent(key, action);
                weights.computeIfAbsent(key, k -> new double[1])[0] += weight;
            }
        }
        return weights.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0]))
                .limit(limit)
                .map(e -> spelling.get(e.getKey()))
                .toList();
    }

    static List<PerformanceRow> performance(List<DatedEvent> events) {
        Map<String, List<DatedEvent>> byTenant = byTenant(events);
        List<PerformanceRow> rows = new ArrayList<>();
        byTenant.forEach((tenant, own) -> {
            double negative = sum(own, RevenueImpact.class, RevenueImpact::negative, RevenueImpact::impactAmount);
            double positive = sum(own, RevenueImpact.class, r -> !r.negative(), RevenueImpact::impactAmount);
            List<OperationalEfficiency> efficiency = of(own, OperationalEfficiency.class);
            rows.add(new PerformanceRow(
                    tenant,
                    negative,
                    positive,
                    sum(own, CostOptimization.class, c -> true, CostOptimization::savingsAmount),
                    efficiency.isEmpty()
                            ? null
                            : round(efficiency.stream()
                                    .mapToDouble(OperationalEfficiency::efficiencyScore)
                                    .average()
                                    .orElseThrow()),
                    of(own, StrategicDecision.class).size(),
                    positive + negative > 0 ? round(100 * (positive - negative) / (positive + negative)) : 0));
        });
        rows.sort(Comparator.comparingDouble(PerformanceRow::businessPerformanceScore)
                .reversed());
        return rows;
    }

    static List<CostRow> costOptimization(List<DatedEvent> events) {
        Map<String, List<CostOptimization>> groups = new TreeMap<>();
        for (DatedEvent e : events) {
            if (e.event() instanceof CostOptimization c) {
                groups.computeIfAbsent(c.tenantId() + "\u0000" + c.optimizationCategory(), k -> new ArrayList<>())
                        .add(c);
            }
        }
        List<CostRow> rows = new ArrayList<>();
        groups.forEach((key, own) -> rows.add(new CostRow(
                own.get(0).tenantId(),
                own.get(0).optimizationCategory(),
                own.size(),
                own.stream().mapToDouble(CostOptimization::savingsAmount).sum(),
                mean(own.stream().map(CostOptimization::savingsPercentage).toList()),
                mean(own.stream().map(CostOptimization::roi).toList()),
                own.stream().filter(CostOptimization::realized).count(),
                own.stream()
                        .filter(c -> "identified".equals(c.optimizationType()))
                        .count())));
        rows.sort(Comparator.comparingDouble(CostRow::totalSavings).reversed());
        return rows;
    }

    static Map<String, List<DatedEvent>> byTenant(List<DatedEvent> events) {
        return events.stream()
                .collect(Collectors.groupingBy(e -> e.event().tenantId(), TreeMap::new, Collectors.toList()));
    }

    private static double urgency(BusinessEvent event) {
        String level =
                switch (event) {
                    case RevenueImpact r -> r.priorityLevel() != null ? r.priorityLevel() : r.urgencyLevel();
                    case EmailDeliverability d -> d.riskLevel();
                    case CostOptimization c -> c.riskLevel();
                    case OperationalEfficiency o -> Boolean.TRUE.equals(o.requiresExecutiveAttention()) ? "high" : null;
                    default -> null;
                };
        return switch (level == null ? "" : level) {
            case "critical" -> 4;
            case "high" -> 3;
            case "medium" -> 2;
            default -> 1;
        };
    }

    private static String money(double first, double second) {
        double scale = Math.max(Math.max(Math.abs(first), Math.abs(second)), 1);
        double change = (second - first) / scale;
        return change > MONEY_TREND ? "improving" : change < -MONEY_TREND ? "declining" : "stable";
    }

    private static String score(double first, double second) {
        double change = second - first;
        return change > SCORE_TREND ? "improving" : change < -SCORE_TREND ? "declining" : "stable";
    }

    private static double net(List<DatedEvent> events) {
        return sum(events, RevenueImpact.class, r -> !r.negative(), RevenueImpact::impactAmount)
                - sum(events, RevenueImpact.class, RevenueImpact::negative, RevenueImpact::impactAmount);
    }

    private static double meanEfficiency(List<DatedEvent> events) {
        return of(events, OperationalEfficiency.class).stream()
                .mapToDouble(OperationalEfficiency::efficiencyScore)
                .average()
                .orElse(0);
    }

    private static <T extends BusinessEvent> boolean has(List<DatedEvent> events, Class<T> type) {
        return events.stream().anyMatch(e -> type.isInstance(e.event()));
    }

    static <T extends BusinessEvent> List<T> of(List<DatedEvent> events, Class<T> type) {
        return events.stream()
                .map(DatedEvent::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private static <T extends BusinessEvent> double sum(
            List<DatedEvent> events, Class<T> type, Predicate<T> which, java.util.function.ToDoubleFunction<T> amount) {
        return of(events, type).stream().filter(which).mapToDouble(amount).sum();
    }

    private static Double mean(List<Double> values) {
        var present = values.stream()
                .filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .average();
        return present.isPresent() ? round(present.getAsDouble()) : null;
    }

    private static HealthComponent rounded(HealthComponent c) {
        return new HealthComponent(c.name(), round(c.score()), c.weight(), c.basis());
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    // The same formulas over SummaryTotals (sums computed by DuckDB, BusinessEventReader#aggregates);
    // ExecutiveSummaryParityTest holds them equal to the ones over typed events above.

    static Health health(SummaryTotals t, long openCriticalAlerts) {
        List<HealthComponent> components = new ArrayList<>();
        if (t.positiveRevenue() + t.negativeRevenue() > 0) {
            components.add(new HealthComponent(
                    "revenue",
                    100 * t.positiveRevenue() / (t.positiveRevenue() + t.negativeRevenue()),
                    REVENUE_WEIGHT,
                    "positive / (positive + negative) revenue impact"));
        }
        if (t.efficiencyEvents() > 0) {
            components.add(
                    new HealthComponent("efficiency", t.meanEfficiency(), EFFICIENCY_WEIGHT, "mean efficiency_score"));
        }
        if (t.mailEvents() > 0) {
            double bounce = t.weightedBounce() / t.emails();
            components.add(new HealthComponent(
                    "deliverability",
                    100 * Math.max(0, 1 - bounce / CRITICAL_BOUNCE),
                    DELIVERABILITY_WEIGHT,
                    "1 − email-weighted bounce rate / 15 %"));
        }
        if (t.costEvents() > 0) {
            components.add(new HealthComponent(
                    "cost",
                    100.0 * t.costsWithinBudget() / t.costEvents(),
                    COST_WEIGHT,
                    "share of cost events within 20 % of their baseline"));
        }
        double weights =
                components.stream().mapToDouble(HealthComponent::weight).sum();
        double base = weights == 0
                ? 100
                : components.stream().mapToDouble(c -> c.score() * c.weight()).sum() / weights;
        int penalty = (int) Math.min(MAX_PENALTY, PENALTY_PER_CRITICAL * openCriticalAlerts);
        int score = (int) Math.round(Math.max(0, Math.min(100, base - penalty)));
        return new Health(
                score, components.stream().map(SummaryCalculator::rounded).toList(), penalty);
    }

    static KeyMetrics keyMetrics(SummaryTotals t, Instant from, Instant to) {
        double positive = t.positiveRevenue();
        double negative = t.negativeRevenue();
        double days = Math.max(1, Duration.between(from, to).toHours() / 24.0);
        return new KeyMetrics(
                round(positive * 30 / days),
                t.realizedSavings(),
                t.efficiencyEvents() == 0 ? null : round(t.meanEfficiency()),
                t.strategicDecisions(),
                positive,
                negative,
                positive + negative > 0 ? round(100 * positive / (positive + negative)) : null,
                t.projectedSavings());
    }

    static TrendAnalysis trends(SummaryTotals first, SummaryTotals second) {
        String revenue = first.revenueEvents() > 0 && second.revenueEvents() > 0
                ? money(first.netRevenue(), second.netRevenue())
                : "stable";
        String cost = first.costEvents() > 0 && second.costEvents() > 0
                ? money(first.realizedSavings(), second.realizedSavings())
                : "stable";
        String efficiency = first.efficiencyEvents() > 0 && second.efficiencyEvents() > 0
                ? score(first.meanEfficiency(), second.meanEfficiency())
                : "stable";
        return new TrendAnalysis(revenue, cost, efficiency, TREND_RULE);
    }

    /** @param byTenant each tenant's totals over the whole period, in tenant order */
    static List<PerformanceRow> performance(Map<String, SummaryTotals> byTenant) {
        List<PerformanceRow> rows = new ArrayList<>();
        byTenant.forEach((tenant, t) -> {
            double negative = t.negativeRevenue();
            double positive = t.positiveRevenue();
            rows.add(new PerformanceRow(
                    tenant,
                    negative,
                    positive,
                    t.totalSavings(),
                    t.efficiencyEvents() == 0 ? null : round(t.meanEfficiency()),
                    t.strategicDecisions(),
                    positive + negative > 0 ? round(100 * (positive - negative) / (positive + negative)) : 0));
        });
        rows.sort(Comparator.comparingDouble(PerformanceRow::businessPerformanceScore)
                .reversed());
        return rows;
    }

    /** Sorts cost rows as {@link #costOptimization(List)} does: most savings first, then tenant and category. */
    static List<CostRow> sortedCosts(List<CostRow> rows) {
        List<CostRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((CostRow r) -> r.tenantId() + "\u0000" + r.optimizationCategory()));
        sorted.sort(Comparator.comparingDouble(CostRow::totalSavings).reversed());
        return sorted;
    }
}
