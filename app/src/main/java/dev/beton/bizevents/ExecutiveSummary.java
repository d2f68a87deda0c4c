package dev.beton.bizevents;

import java.time.Instant;
import java.util.List;

/**
 * Seed 004's {@code ExecutiveSummary}, for one tenant or all, over a period; health is defined in
 * docs/BUSINESS-EVENTS.md (it is not the account health score).
 *
 * @param tenantId null for the overall summary
 * @param overallBusinessHealth 0–100
 * @param healthComponents what the health was computed from (only components with data count)
 * @param tenants each tenant's health (overall summary only)
 * @param performance the seed's "executive performance dashboard" query, per tenant
 * @param costOptimization the seed's "cost optimization tracking" query, per tenant and category
 * @param productSignals pipeline and won revenue of the period from PQL deals (workspace-wide)
 */
public record ExecutiveSummary(
        Instant from,
        Instant to,
        String tenantId,
        int overallBusinessHealth,
        List<HealthComponent> healthComponents,
        int criticalAlertPenalty,
        KeyMetrics keyMetrics,
        List<Alert> criticalAlerts,
        List<String> recommendedActions,
        TrendAnalysis trendAnalysis,
        long businessEvents,
        List<TenantHealth> tenants,
        List<PerformanceRow> performance,
        List<CostRow> costOptimization,
        Alerts.Fatigue alertFatigue,
        PqlAttribution productSignals) {

    /** @param score 0–100; @param weight its weight before renormalizing over present components */
    public record HealthComponent(String name, double score, double weight, String basis) {}

    /**
     * @param monthlyRevenueProtection positive revenue impact, scaled to 30 days
     * @param costOptimizationSavings realized savings (optimization_type implemented) in the period
     * @param projectedSavings identified or planned savings in the period
     * @param operationalEfficiencyScore mean efficiency_score, null without efficiency events
     * @param revenueProtectionRate positive / (positive + negative) revenue impact, percent
     */
    public record KeyMetrics(
            double monthlyRevenueProtection,
            double costOptimizationSavings,
            Double operationalEfficiencyScore,
            long strategicDecisionsTracked,
            double positiveRevenueImpact,
            double negativeRevenueImpact,
            Double revenueProtectionRate,
            double projectedSavings) {}

    /** @param rule the sentence that decides improving / stable / declining */
    public record TrendAnalysis(String revenueTrend, String costTrend, String efficiencyTrend, String rule) {}

    public record TenantHealth(String tenantId, int health, long events, long openCriticalAlerts) {}

    public record PerformanceRow(
            String tenantId,
            double negativeRevenueImpact,
            double positiveRevenueImpact,
            double totalOptimizationSavings,
            Double avgEfficiencyScore,
            long strategicDecisionsMade,
            double businessPerformanceScore) {}

    public record CostRow(
            String tenantId,
            String optimizationCategory,
            long optimizationCount,
            double totalSavings,
            Double avgSavingsPercentage,
            Double avgRoi,
            long implementedCount,
            long identifiedCount) {}
}
