package dev.beton.bizevents;

import dev.beton.events.ingest.ArrivingEvents;
import dev.beton.events.ingest.CommittedEvents;
import dev.beton.events.ingest.IncomingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sees every event as it arrives, whichever way it came (capture, strict API, import, demo):
 * business events are checked against their schema and evaluated against the alert rules at once,
 * beside the request's commit rather than after it, so an in-app alert exists a commit earlier
 * (and before the sender's 200). If that commit then fails, the alert stays: the sender is told to
 * retry, and the retry of the same event counts nothing up ({@link Alerts#raise}). What must only
 * follow stored events waits for the commit: invalid ones are listed with their errors (they stay
 * stored as sent), every one gets its row in the typed table, and valid ones are forwarded to
 * PostHog. Other events cost one set lookup.
 */
@Component
class BusinessEventArrivals implements ArrivingEvents {

    private static final CommittedEvents NOTHING = (workspaceId, events) -> {};

    /** One business event as validated on arrival. */
    private record Arrived(IncomingEvent event, BusinessEventValidator.Result result, BusinessEventRow row) {}

    private final JsonMapper json;
    private final AlertEvaluator evaluator;
    private final EventIssues issues;
    private final LiveUpdates live;
    private final PostHogForwarding posthog;
    private final BusinessEventTable table;
    /** One request's business events validated and alerted on, beside its commit. */
    private final Timer arrivalTimer;
    /** One request's work after its commit: issues, typed rows handed over, forwarding. */
    private final Timer committedTimer;
    /** One valid business event's rules and alert (read, insert or update), without its validation. */
    private final Timer evaluationTimer;
    /**
     * Whether rules are evaluated beside the commit (the default) or after it, as before; the
     * benchmark switches it to measure both in one run.
     */
    private volatile boolean alertsBeforeCommit;

    BusinessEventArrivals(
            JsonMapper json,
            AlertEvaluator evaluator,
            EventIssues issues,
            LiveUpdates live,
            PostHogForwarding posthog,
            BusinessEventTable table,
            ObjectProvider<MeterRegistry> meters,
            @Value("${beton.business-events.alerts.before-commit:true}") boolean alertsBeforeCommit) {
        MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        this.arrivalTimer = Timer.builder("beton.business_events.arrivals")
                .description("Business events of one request on arrival: validation, and alert rules beside the commit")
                .register(registry);
        this.committedTimer = Timer.builder("beton.business_events.committed")
                .description("Business events of one committed request: issues, typed rows, forwarding")
                .register(registry);
        this.evaluationTimer = Timer.builder("beton.business_alerts.evaluation")
                .description("Alert rules of one valid business event, with the alert written")
                .register(registry);
        this.posthog = posthog;
        this.table = table;
        this.json = json;
        this.evaluator = evaluator;
        this.issues = issues;
        this.live = live;
        this.alertsBeforeCommit = alertsBeforeCommit;
    }

    void alertsBeforeCommit(boolean beforeCommit) {
        this.alertsBeforeCommit = beforeCommit;
    }

    @Override
    public CommittedEvents arriving(long workspaceId, List<IncomingEvent> events) {
        boolean beforeCommit = alertsBeforeCommit;
        List<Arrived> arrived = arrivalTimer.record(() -> arrive(workspaceId, events, beforeCommit));
        if (arrived.isEmpty()) {
            return NOTHING;
        }
        return (workspace, committed) -> committedTimer.record(() -> committed(workspaceId, arrived, beforeCommit));
    }

    private List<Arrived> arrive(long workspaceId, List<IncomingEvent> events, boolean evaluate) {
        List<Arrived> arrived = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (BusinessEventType.NAMES.contains(event.event())) {
                arrived.add(validated(event));
            }
        }
        if (evaluate && !arrived.isEmpty()) {
            arrived.forEach(a -> evaluate(workspaceId, a));
            live.changed(workspaceId);
        }
        return arrived;
    }

    private void committed(long workspaceId, List<Arrived> arrived, boolean evaluated) {
        List<IncomingEvent> valid = new ArrayList<>();
        for (Arrived a : arrived) {
            if (a.result().valid()) {
                valid.add(a.event());
                if (!evaluated) {
                    evaluate(workspaceId, a);
                }
            } else {
                issues.record(
                        workspaceId,
                        a.event().uuid().toString(),
                        a.event().event(),
                        a.row().tenantId(),
                        a.result().errors());
            }
        }
        table.add(workspaceId, arrived.stream().map(Arrived::row).toList());
        live.changed(workspaceId);
        posthog.forward(workspaceId, valid);
    }

    private Arrived validated(IncomingEvent event) {
        BusinessEventType type = BusinessEventType.of(event.event()).orElseThrow();
        JsonNode properties = json.readTree(event.propertiesJson());
        BusinessEventValidator.Result result = BusinessEventValidator.validate(type, properties);
        return new Arrived(
                event,
                result,
                BusinessEventTable.row(event.uuid(), event.event(), event.timestamp(), result, properties));
    }

    /** One event's rules; a failure is logged and never costs the request's other events or rows. */
    private void evaluate(long workspaceId, Arrived arrived) {
        if (!arrived.result().valid()) {
            return;
        }
        IncomingEvent event = arrived.event();
        try {
            evaluationTimer.record(() -> evaluator.evaluate(
                    workspaceId,
                    event.uuid().toString(),
                    event.event(),
                    arrived.result().event()));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(BusinessEventArrivals.class)
                    .warn("Alert rules of business event {} failed: {}", event.uuid(), e.toString());
        }
    }
}
