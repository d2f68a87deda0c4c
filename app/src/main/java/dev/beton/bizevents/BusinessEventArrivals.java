package dev.beton.bizevents;

import dev.beton.events.ingest.CommittedEvents;
import dev.beton.events.ingest.IncomingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sees every committed event, whichever way it came (capture, strict API, import, demo): business
 * events are checked against their schema and evaluated against the alert rules right there, so an
 * alert exists before the sender's 200. Invalid ones stay stored as sent and are listed with their
 * errors. Other events cost one set lookup.
 */
@Component
class BusinessEventArrivals implements CommittedEvents {

    private final JsonMapper json;
    private final AlertEvaluator evaluator;
    private final EventIssues issues;
    private final LiveUpdates live;
    private final PostHogForwarding posthog;
    /** One committed request's work here (all its events), the part of an alert's latency after the commit. */
    private final Timer requestTimer;
    /** One valid business event's rules and alert (read, insert or update), without its validation. */
    private final Timer evaluationTimer;

    BusinessEventArrivals(
            JsonMapper json,
            AlertEvaluator evaluator,
            EventIssues issues,
            LiveUpdates live,
            PostHogForwarding posthog,
            ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        this.requestTimer = Timer.builder("beton.business_events.arrivals")
                .description("Business events of one committed request: validation, alert rules, issues, forwarding")
                .register(registry);
        this.evaluationTimer = Timer.builder("beton.business_alerts.evaluation")
                .description("Alert rules of one valid business event, with the alert written")
                .register(registry);
        this.posthog = posthog;
        this.json = json;
        this.evaluator = evaluator;
        this.issues = issues;
        this.live = live;
    }

    @Override
    public void committed(long workspaceId, List<IncomingEvent> events) {
        requestTimer.record(() -> arrivals(workspaceId, events));
    }

    private void arrivals(long workspaceId, List<IncomingEvent> events) {
        List<IncomingEvent> valid = new java.util.ArrayList<>();
        boolean any = false;
        for (IncomingEvent event : events) {
            if (BusinessEventType.NAMES.contains(event.event())) {
                if (arrived(workspaceId, event)) {
                    valid.add(event);
                }
                any = true;
            }
        }
        if (any) {
            live.changed(workspaceId);
            posthog.forward(workspaceId, valid);
        }
    }

    /** @return whether the event matches its schema */
    private boolean arrived(long workspaceId, IncomingEvent event) {
        BusinessEventType type = BusinessEventType.of(event.event()).orElseThrow();
        JsonNode properties = json.readTree(event.propertiesJson());
        BusinessEventValidator.Result result = BusinessEventValidator.validate(type, properties);
        String uuid = event.uuid().toString();
        if (!result.valid()) {
            JsonNode tenant = properties.get("tenant_id");
            issues.record(
                    workspaceId,
                    uuid,
                    event.event(),
                    tenant != null && tenant.isString() ? tenant.stringValue() : null,
                    result.errors());
            return false;
        }
        evaluationTimer.record(() -> evaluator.evaluate(workspaceId, uuid, event.event(), result.event()));
        return true;
    }
}
