package dev.beton.bizevents;

import dev.beton.boot.BackgroundStartStep;
import dev.beton.boot.BetonProperties;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.IncomingEvent;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * In demo mode, gives the {@code demo} workspace 60 days of business events for five tenants
 * (deterministic, seed 4): steady operations with a deliverability incident, a cost overrun, a
 * delayed initiative and an efficiency slide, so the Executive page has health, alerts and trends
 * to show. Only once: skipped when the store already holds business events.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 150)
class DemoBusinessEvents implements BackgroundStartStep {

    static final List<String> TENANTS =
            List.of("tenant-acme", "tenant-globex", "tenant-initech", "tenant-umbrella", "tenant-hooli");
    static final int DAYS = 60;

    private final BetonProperties beton;
    private final Workspaces workspaces;
    private final EventIngestion ingestion;
    private final EmbeddedWarehouse warehouse;
    private final JsonMapper json;
    private final Clock clock;

    DemoBusinessEvents(
            BetonProperties beton,
            Workspaces workspaces,
            EventIngestion ingestion,
            EmbeddedWarehouse warehouse,
            JsonMapper json,
            Clock clock) {
        this.beton = beton;
        this.workspaces = workspaces;
        this.ingestion = ingestion;
        this.warehouse = warehouse;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void run() {
        if (!beton.demo()) {
            return;
        }
        workspaces.bySlug("demo").filter(this::none).ifPresent(this::generate);
    }

    private boolean none(Workspace workspace) {
        return warehouse.read(workspace.id(), connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT count(*) FROM events WHERE event = 'revenue_impact_event'")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    void generate(Workspace workspace) {
        Instant now = clock.instant();
        int count = ingest(workspace, events(now), now);
        System.out.printf("  Demo business events: %,d for %d tenants over %d days.%n", count, TENANTS.size(), DAYS);
    }

    /** Stores events as if captured (rules, alerts, typed rows and live updates follow); @return how many */
    int ingest(Workspace workspace, List<ObjectNode> raw, Instant now) {
        List<IncomingEvent> events = new ArrayList<>();
        for (ObjectNode event : raw) {
            events.add(ingestion.parser().parse(event, now, Optional.empty(), EventParser.Source.CAPTURE));
        }
        ingestion.ingest(workspace.id(), events);
        return events.size();
    }

    /** Whether the workspace has the demo's history (what {@link #run} checks so that it loads it once). */
    boolean hasHistory(Workspace workspace) {
        return !none(workspace);
    }

    /** Rounds of the live stream from one globex incident to the next (a round: each tenant once). */
    static final int INCIDENT_EVERY_ROUNDS = 12;

    /**
     * The live stream's events of one tick ({@link DemoBusinessStream}), stamped {@code now}: tick
     * {@code n} is tenant {@code n mod 5}'s next day of the history's cycle, so the stories go on
     * (initech's overruns, hooli's delays, umbrella's sliding efficiency), and every {@value
     * #INCIDENT_EVERY_ROUNDS}th round globex has a deliverability incident.
     */
    List<ObjectNode> tick(long tick, Instant now) {
        int t = (int) (tick % TENANTS.size());
        long round = tick / TENANTS.size();
        int day = 1 + (int) (round % DAYS);
        List<ObjectNode> events = new ArrayList<>();
        tenantDay(t, day, now, t == 1 && round % INCIDENT_EVERY_ROUNDS == 0, new SplittableRandom(tick), events);
        return events;
    }

    List<ObjectNode> events(Instant now) {
        SplittableRandom random = new SplittableRandom(4);
        List<ObjectNode> all = new ArrayList<>();
        for (int day = DAYS; day >= 1; day--) {
            Instant at = now.minus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(600)));
            for (int t = 0; t < TENANTS.size(); t++) {
                // globex: a deliverability incident this week
                tenantDay(t, day, at, t == 1 && day <= 6, random, all);
            }
        }
        return all;
    }

    /**
     * One tenant's business events of one day of the demo world, stamped {@code at}: mail
     * deliverability and resource usage every day, the other kinds on days of their own cycle.
     *
     * @param day days before now in the history (1 to {@value #DAYS}); it drives each tenant's story
     *     (initech's recent cost overrun, hooli's delayed initiative, umbrella's sliding efficiency)
     * @param incident whether the tenant has a deliverability incident (bounces, lost revenue)
     */
    void tenantDay(int t, int day, Instant at, boolean incident, SplittableRandom random, List<ObjectNode> all) {
        String tenant = TENANTS.get(t);
        boolean sliding = t == 3; // umbrella: efficiency slides over the period
        double bounce = incident ? 0.16 + random.nextDouble() * 0.05 : 0.01 + random.nextDouble() * 0.03;
        long emails = 5_000 + random.nextInt(20_000);
        ObjectNode mail = event("email_deliverability_event", tenant, at, all);
        mail.put("delivery_outcome", incident ? "bounced" : "delivered")
                .put("email_count", emails)
                .put("bounce_rate", round(bounce))
                .put("spam_rate", round(random.nextDouble() * 0.01))
                .put("ip_reputation", incident ? "poor" : "good")
                .put("domain_reputation", "good")
                .put("risk_level", incident ? "high" : "low")
                .put("requires_immediate_attention", incident);
        if (incident) {
            mail.putArray("actions_required").add("IP warmup").add("List hygiene");
        }
        if (day % 3 == t % 3) {
            boolean loss = incident || random.nextInt(4) == 0;
            double amount = incident ? 12_000 + random.nextInt(8_000) : 200 + random.nextInt(3_000);
            ObjectNode revenue = event("revenue_impact_event", tenant, at, all);
            revenue.put("event_category", "revenue_impact")
                    .put("event_type", loss ? "deliverability_issue" : "churn_prevented")
                    .put("impact_amount", amount)
                    .put("impact_type", loss ? "negative" : "positive")
                    .put("customer_ltv", 20_000 + random.nextInt(60_000))
                    .put("urgency_level", incident ? "critical" : "medium")
                    .put("action_required", loss ? "Review sending reputation" : "Keep monitoring")
                    .put("timeframe", "monthly")
                    .put("priority_level", incident ? "critical" : "medium");
        }
        if (day % 7 == t) {
            double score = sliding ? 90 - (DAYS - day) * 0.5 : 80 + random.nextInt(15);
            ObjectNode efficiency = event("operational_efficiency_event", tenant, at, all);
            efficiency
                    .put("efficiency_metric", "email_delivery_rate")
                    .put("current_value", round(95 + random.nextDouble() * 4))
                    .put("efficiency_score", Math.max(0, Math.round(score)))
                    .put("trend_direction", sliding ? "declining" : "stable")
                    .put("requires_executive_attention", sliding && score < 70);
            efficiency.putArray("recommendations").add(sliding ? "Rebalance delivery queues" : "Optimize IP warmup");
        }
        if (day % 10 == t) {
            boolean overrun = t == 2 && day <= 10; // initech: a cost overrun recently
            double baseline = 4_000 + random.nextInt(2_000);
            double optimized = overrun ? baseline * 1.3 : baseline * 0.8;
            ObjectNode cost = event("cost_optimization_event", tenant, at, all);
            cost.put("optimization_category", "infrastructure")
                    .put("optimization_type", random.nextBoolean() ? "implemented" : "identified")
                    .put("savings_amount", Math.max(0, Math.round(baseline - optimized)))
                    .put("baseline_cost", baseline)
                    .put("optimized_cost", Math.round(optimized))
                    .put("savings_percentage", overrun ? 0 : 20)
                    .put("roi", overrun ? 0 : 240)
                    .put("risk_level", overrun ? "high" : "low");
            cost.putArray("required_actions").add(overrun ? "Freeze new instances" : "Right-size VPS instances");
        }
        if (day % 15 == t) {
            ObjectNode decision = event("strategic_decision_event", tenant, at, all);
            decision.put("decision_type", "budget_allocation")
                    .put("decision_title", "Scale email infrastructure for " + tenant.substring(7))
                    .put("decision_maker", "CEO")
                    .put("expected_revenue_impact", 50_000)
                    .put("outcome_timeframe", "3 months")
                    .put("outcome_confidence", "medium")
                    .put("initiative_status", t == 4 && day <= 15 ? "delayed" : "on_track");
        }
        ObjectNode usage = event("resource_usage_event", tenant, at, all);
        double utilization = Math.min(100, 55 + random.nextInt(30) + (t == 0 ? (DAYS - day) * 0.3 : 0));
        usage.put("resource_type", "vps_instance")
                .put("utilization_percentage", Math.round(utilization))
                .put("usage_trend", t == 0 ? "increasing" : "stable")
                .put("total_cost", 3_900)
                .put("over_utilized", utilization > 90);
    }

    private ObjectNode event(String name, String tenant, Instant at, List<ObjectNode> all) {
        ObjectNode event = json.createObjectNode();
        event.put("event", name).put("distinct_id", tenant).put("timestamp", at.toString());
        event.putObject("properties").put("tenant_id", tenant).put("tracking_date", at.toString());
        all.add(event);
        return (ObjectNode) event.get("properties");
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
