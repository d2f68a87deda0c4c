package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.bizevents.BusinessEvent.CostOptimization;
import dev.beton.bizevents.BusinessEvent.EmailDeliverability;
import dev.beton.bizevents.BusinessEvent.OperationalEfficiency;
import dev.beton.bizevents.BusinessEvent.RevenueImpact;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The health formula, trends and actions of docs/BUSINESS-EVENTS.md on small worked examples. */
class SummaryCalculatorTest {

    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant EARLY = Instant.parse("2026-11-05T00:00:00Z");
    static final Instant LATE = Instant.parse("2026-11-25T00:00:00Z");

    static DatedEvent at(Instant at, BusinessEvent event) {
        return new DatedEvent("u", at, event);
    }

    static RevenueImpact revenue(String tenant, double amount, String type, String action, String priority) {
        return new RevenueImpact(
                tenant,
                EARLY,
                null,
                "deliverability_issue",
                amount,
                type,
                null,
                null,
                action,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                priority);
    }

    static OperationalEfficiency efficiency(double score, List<String> recommendations) {
        return new OperationalEfficiency(
                "t", EARLY, "delivery", null, null, null, score, null, null, null, null, recommendations, null);
    }

    static EmailDeliverability mail(long count, double bounce) {
        return new EmailDeliverability(
                "t", EARLY, "bounced", count, bounce, null, null, null, null, null, List.of(), null, null);
    }

    static CostOptimization cost(double savings, String type, Double baseline, Double optimized) {
        return new CostOptimization(
                "t",
                EARLY,
                "infrastructure",
                type,
                savings,
                baseline,
                optimized,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null);
    }

    @Test
    void healthIsTheWeightedMeanOfTheComponentsWithDataLessTenPerOpenCriticalAlert() {
        List<DatedEvent> events = List.of(
                at(EARLY, revenue("t", 3000, "positive", null, null)),
                at(EARLY, revenue("t", 1000, "negative", null, null)), // revenue 75
                at(EARLY, efficiency(80, List.of())), // efficiency 80
                at(EARLY, mail(1000, 0.03)), // deliverability 100 × (1 − 0.03/0.15) = 80
                at(EARLY, cost(100, "implemented", 1000.0, 1300.0)),
                at(EARLY, cost(100, "implemented", 1000.0, 900.0))); // cost 50
        // (75×0.35 + 80×0.30 + 80×0.20 + 50×0.15) / 1.0 = 26.25 + 24 + 16 + 7.5 = 73.75
        assertThat(SummaryCalculator.health(events, 0).score()).isEqualTo(74);
        assertThat(SummaryCalculator.health(events, 1).score()).isEqualTo(64);
        assertThat(SummaryCalculator.health(events, 5).score()).isEqualTo(44); // penalty capped at 30
    }

    @Test
    void onlyComponentsWithDataCountAndNoDataMeansNothingLowersIt() {
        assertThat(SummaryCalculator.health(List.of(), 0).score()).isEqualTo(100);
        assertThat(SummaryCalculator.health(List.of(at(EARLY, efficiency(62, List.of()))), 0)
                        .score())
                .isEqualTo(62);
    }

    @Test
    void trendsCompareTheTwoHalvesOfThePeriod() {
        List<DatedEvent> events = List.of(
                at(EARLY, revenue("t", 1000, "negative", null, null)),
                at(LATE, revenue("t", 5000, "negative", null, null)),
                at(EARLY, efficiency(70, List.of())),
                at(LATE, efficiency(71, List.of())),
                at(EARLY, cost(100, "implemented", null, null)),
                at(LATE, cost(500, "implemented", null, null)));
        var trends = SummaryCalculator.trends(events, FROM, TO);
        assertThat(trends.revenueTrend()).isEqualTo("declining");
        assertThat(trends.efficiencyTrend()).isEqualTo("stable");
        assertThat(trends.costTrend()).isEqualTo("improving");
        assertThat(SummaryCalculator.trends(List.of(at(LATE, efficiency(10, List.of()))), FROM, TO)
                        .efficiencyTrend())
                .isEqualTo("stable");
    }

    @Test
    void recommendedActionsComeFromTheEventsMostUrgentFirst() {
        List<DatedEvent> events = List.of(
                at(EARLY, efficiency(80, List.of("Improve content quality"))),
                at(EARLY, revenue("t", 100, "negative", "IP warmup", "critical")),
                at(LATE, efficiency(80, List.of("improve content quality"))));
        assertThat(SummaryCalculator.recommendedActions(events, 10))
                .containsExactly("IP warmup", "Improve content quality");
    }

    @Test
    void keyMetricsScaleRevenueProtectionToAMonth() {
        var metrics = SummaryCalculator.keyMetrics(
                List.of(
                        at(EARLY, revenue("t", 1500, "positive", null, null)),
                        at(EARLY, cost(700, "identified", null, null))),
                FROM,
                FROM.plus(java.time.Duration.ofDays(15)));
        assertThat(metrics.monthlyRevenueProtection()).isEqualTo(3000);
        assertThat(metrics.costOptimizationSavings()).isZero();
        assertThat(metrics.projectedSavings()).isEqualTo(700);
        assertThat(metrics.operationalEfficiencyScore()).isNull();
    }
}
