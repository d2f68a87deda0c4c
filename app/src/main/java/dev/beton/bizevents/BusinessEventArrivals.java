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
    private final BusinessEventTable table;
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
            BusinessEventTable table,
            ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        this.requestTimer = Timer.builder("beton.business_events.arrivals")
                .description("Business events of one committed request: validation, alert rules, issues, forwarding")
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
    }

    @Override
    public void committed(long workspaceId, List<IncomingEvent> events) {
        requestTimer.record(() -> arrivals(workspaceId, events));
    }

    private void arrivals(long workspaceId, List<IncomingEvent> events) {
        List<IncomingEvent> valid = new java.util.ArrayList<>();
        List<BusinessEventRow> rows = new java.util.ArrayList<>();
        for (IncomingEvent event : events) {
            if (BusinessEventType.NAMES.contains(event.event())) {
                BusinessEventRow row = arrived(workspaceId, event);
                if (row.typed() != null) {
                    valid.add(event);
                }
                rows.add(row);
            }
        }
        if (!rows.isEmpty()) {
            table.add(workspaceId, rows);
            live.changed(workspaceId);
            posthog.forward(workspaceId, valid);
        }
    }

    /** @return the event's typed row (without its typed event when it breaks its schema) */
    private BusinessEventRow arrived(long workspaceId, IncomingEvent event) {
        BusinessEventType type = BusinessEventType.of(event.event()).orElseThrow();
        JsonNode properties = json.readTree(event.propertiesJson());
        BusinessEventValidator.Result result = BusinessEventValidator.validate(type, properties);
        BusinessEventRow row =
                BusinessEventTable.row(event.uuid(), event.event(), event.timestamp(), result, properties);
        String uuid = event.uuid().toString();
        if (!result.valid()) {
            issues.record(workspaceId, uuid, event.event(), row.tenantId(), result.errors());
            return row;
        }
        evaluationTimer.record(() -> evaluator.evaluate(workspaceId, uuid, event.event(), result.event()));
        return row;
    }
}
