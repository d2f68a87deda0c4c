package dev.beton.bizevents;

import java.time.Instant;
import java.util.List;

/**
 * A validated business event, typed by its schema. Built only from properties that passed
 * {@link BusinessEventValidator}; optional fields are null when absent.
 */
sealed interface BusinessEvent {

    String tenantId();

    Instant trackingDate();

    /** The actions this event itself recommends (its {@code action_required}, lists of actions). */
    default List<String> actions() {
        return List.of();
    }

    record RevenueImpact(
            String tenantId,
            Instant trackingDate,
            String eventCategory,
            String eventType,
            double impactAmount,
            String impactType,
            Double customerLtv,
            String urgencyLevel,
            String actionRequired,
            Long affectedEmails,
            Double bounceRate,
            Double spamRate,
            String timeframe,
            List<String> mitigationActions,
            String estimatedResolutionTime,
            String priorityLevel)
            implements BusinessEvent {

        boolean negative() {
            return "negative".equals(impactType);
        }

        @Override
        public List<String> actions() {
            return BusinessEvent.join(actionRequired, mitigationActions);
        }
    }

    record CostOptimization(
            String tenantId,
            Instant trackingDate,
            String optimizationCategory,
            String optimizationType,
            double savingsAmount,
            Double baselineCost,
            Double optimizedCost,
            Double savingsPercentage,
            String implementationComplexity,
            String timeframeRequired,
            List<String> requiredActions,
            List<String> resourcesNeeded,
            Double roi,
            Double paybackPeriodMonths,
            String riskLevel,
            String trackedBy)
            implements BusinessEvent {

        /** How far the cost went over its baseline (the budget), as a fraction; 0 when within it. */
        double overrun() {
            if (baselineCost == null || optimizedCost == null || baselineCost <= 0) {
                return 0;
            }
            return Math.max(0, (optimizedCost - baselineCost) / baselineCost);
        }

        boolean realized() {
            return "implemented".equals(optimizationType);
        }

        @Override
        public List<String> actions() {
            return BusinessEvent.join(null, requiredActions);
        }
    }

    record OperationalEfficiency(
            String tenantId,
            Instant trackingDate,
            String efficiencyMetric,
            Double currentValue,
            Double baselineValue,
            Double targetValue,
            double efficiencyScore,
            String trendDirection,
            Double costImpact,
            Double customerImpact,
            String operationalImpact,
            List<String> recommendations,
            Boolean requiresExecutiveAttention)
            implements BusinessEvent {

        @Override
        public List<String> actions() {
            return BusinessEvent.join(null, recommendations);
        }
    }

    record StrategicDecision(
            String tenantId,
            Instant trackingDate,
            String decisionType,
            String decisionTitle,
            String decisionMaker,
            Instant decisionDate,
            List<String> factorsConsidered,
            List<String> alternativeOptions,
            String selectedOption,
            String businessJustification,
            Double expectedRevenueImpact,
            Double expectedCostImpact,
            String outcomeTimeframe,
            String outcomeConfidence,
            List<String> trackingKpis,
            String trackingPeriod,
            String reviewSchedule,
            Boolean priorityDecision,
            String initiativeStatus)
            implements BusinessEvent {}

    record EmailDeliverability(
            String tenantId,
            Instant trackingDate,
            String deliveryOutcome,
            long emailCount,
            Double bounceRate,
            Double spamRate,
            String ipReputation,
            String domainReputation,
            Double costImpact,
            String riskLevel,
            List<String> actionsRequired,
            String estimatedResolutionTime,
            Boolean requiresImmediateAttention)
            implements BusinessEvent {

        @Override
        public List<String> actions() {
            return BusinessEvent.join(null, actionsRequired);
        }
    }

    record ResourceUsage(
            String tenantId,
            Instant trackingDate,
            String resourceType,
            Double currentUsage,
            Double capacity,
            double utilizationPercentage,
            String usageTrend,
            Double costPerUnit,
            Double totalCost,
            List<String> optimizationOpportunities,
            Boolean overUtilized,
            Boolean underUtilized,
            Boolean costEfficient)
            implements BusinessEvent {}

    private static List<String> join(String one, List<String> more) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        if (one != null && !one.isBlank()) {
            all.add(one.strip());
        }
        if (more != null) {
            more.stream()
                    .filter(a -> a != null && !a.isBlank())
                    .map(String::strip)
                    .forEach(all::add);
        }
        return all;
    }
}
