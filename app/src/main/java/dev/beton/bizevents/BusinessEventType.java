package dev.beton.bizevents;

import static dev.beton.bizevents.FieldSpec.amount;
import static dev.beton.bizevents.FieldSpec.count;
import static dev.beton.bizevents.FieldSpec.date;
import static dev.beton.bizevents.FieldSpec.flag;
import static dev.beton.bizevents.FieldSpec.list;
import static dev.beton.bizevents.FieldSpec.number;
import static dev.beton.bizevents.FieldSpec.oneOf;
import static dev.beton.bizevents.FieldSpec.percent;
import static dev.beton.bizevents.FieldSpec.rate;
import static dev.beton.bizevents.FieldSpec.text;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The six business event schemas of seed 004, by their event names (seeds README item 8: the
 * schemas' names stand, and cost optimization events carry {@code optimization_type}). Fields the
 * seed does not have are marked "Beton" in docs/BUSINESS-EVENTS.md.
 */
enum BusinessEventType {
    REVENUE_IMPACT(
            "revenue_impact_event",
            BusinessEvent.RevenueImpact.class,
            List.of(
                    oneOf("event_category", false, "revenue_impact"),
                    text("event_type", true),
                    amount("impact_amount", true),
                    oneOf("impact_type", true, "positive", "negative"),
                    amount("customer_ltv", false),
                    oneOf("urgency_level", false, Levels.FOUR),
                    text("action_required", false),
                    count("affected_emails", false),
                    rate("bounce_rate", false),
                    rate("spam_rate", false),
                    oneOf("timeframe", false, "daily", "weekly", "monthly", "quarterly", "yearly", "one_time"),
                    list("mitigation_actions", false),
                    text("estimated_resolution_time", false),
                    oneOf("priority_level", false, Levels.FOUR))),
    COST_OPTIMIZATION(
            "cost_optimization_event",
            BusinessEvent.CostOptimization.class,
            List.of(
                    text("optimization_category", true),
                    oneOf("optimization_type", true, "identified", "planned", "implemented", "rejected"),
                    amount("savings_amount", true),
                    amount("baseline_cost", false),
                    amount("optimized_cost", false),
                    percent("savings_percentage", false),
                    oneOf("implementation_complexity", false, "low", "medium", "high"),
                    text("timeframe_required", false),
                    list("required_actions", false),
                    list("resources_needed", false),
                    number("roi", false, null, null),
                    number("payback_period_months", false, 0.0, null),
                    oneOf("risk_level", false, Levels.FOUR),
                    text("tracked_by", false))),
    OPERATIONAL_EFFICIENCY(
            "operational_efficiency_event",
            BusinessEvent.OperationalEfficiency.class,
            List.of(
                    text("efficiency_metric", true),
                    number("current_value", false, null, null),
                    number("baseline_value", false, null, null),
                    number("target_value", false, null, null),
                    percent("efficiency_score", true),
                    oneOf("trend_direction", false, "improving", "stable", "declining"),
                    number("cost_impact", false, null, null),
                    number("customer_impact", false, null, null),
                    text("operational_impact", false),
                    list("recommendations", false),
                    flag("requires_executive_attention", false))),
    STRATEGIC_DECISION(
            "strategic_decision_event",
            BusinessEvent.StrategicDecision.class,
            List.of(
                    text("decision_type", true),
                    text("decision_title", true),
                    text("decision_maker", false),
                    date("decision_date", false),
                    list("factors_considered", false),
                    list("alternative_options", false),
                    text("selected_option", false),
                    text("business_justification", false),
                    number("expected_revenue_impact", false, null, null),
                    number("expected_cost_impact", false, null, null),
                    text("outcome_timeframe", false),
                    oneOf("outcome_confidence", false, "low", "medium", "high"),
                    list("tracking_kpis", false),
                    text("tracking_period", false),
                    text("review_schedule", false),
                    flag("priority_decision", false),
                    oneOf("initiative_status", false, "on_track", "delayed", "completed", "cancelled"))),
    EMAIL_DELIVERABILITY(
            "email_deliverability_event",
            BusinessEvent.EmailDeliverability.class,
            List.of(
                    oneOf("delivery_outcome", true, "delivered", "bounced", "deferred", "complained", "blocked"),
                    count("email_count", true),
                    rate("bounce_rate", false),
                    rate("spam_rate", false),
                    oneOf("ip_reputation", false, Levels.REPUTATION),
                    oneOf("domain_reputation", false, Levels.REPUTATION),
                    amount("cost_impact", false),
                    oneOf("risk_level", false, Levels.FOUR),
                    list("actions_required", false),
                    text("estimated_resolution_time", false),
                    flag("requires_immediate_attention", false))),
    RESOURCE_USAGE(
            "resource_usage_event",
            BusinessEvent.ResourceUsage.class,
            List.of(
                    text("resource_type", true),
                    number("current_usage", false, 0.0, null),
                    number("capacity", false, 0.0, null),
                    percent("utilization_percentage", true),
                    oneOf("usage_trend", false, "increasing", "stable", "decreasing"),
                    amount("cost_per_unit", false),
                    amount("total_cost", false),
                    list("optimization_opportunities", false),
                    flag("over_utilized", false),
                    flag("under_utilized", false),
                    flag("cost_efficient", false)));

    /** Fields every business event has. */
    static final List<FieldSpec> COMMON = List.of(text("tenant_id", true), date("tracking_date", true));

    static final Set<String> NAMES =
            Arrays.stream(values()).map(BusinessEventType::eventName).collect(Collectors.toUnmodifiableSet());

    private final String eventName;
    private final Class<? extends BusinessEvent> recordType;
    private final List<FieldSpec> fields;

    BusinessEventType(String eventName, Class<? extends BusinessEvent> recordType, List<FieldSpec> own) {
        this.eventName = eventName;
        this.recordType = recordType;
        this.fields = own;
    }

    String eventName() {
        return eventName;
    }

    Class<? extends BusinessEvent> recordType() {
        return recordType;
    }

    /** The common fields, then this type's own, in the seed's order. */
    List<FieldSpec> fields() {
        return java.util.stream.Stream.concat(COMMON.stream(), fields.stream()).toList();
    }

    static Optional<BusinessEventType> of(String eventName) {
        return Arrays.stream(values())
                .filter(t -> t.eventName.equals(eventName))
                .findFirst();
    }

    private static final class Levels {
        static final String[] FOUR = {"low", "medium", "high", "critical"};
        static final String[] REPUTATION = {"excellent", "good", "fair", "poor", "bad"};
    }
}
