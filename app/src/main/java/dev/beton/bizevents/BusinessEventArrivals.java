package dev.beton.bizevents;

import dev.beton.events.ingest.CommittedEvents;
import dev.beton.events.ingest.IncomingEvent;
import java.util.List;
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

    BusinessEventArrivals(JsonMapper json, AlertEvaluator evaluator, EventIssues issues, LiveUpdates live) {
        this.json = json;
        this.evaluator = evaluator;
        this.issues = issues;
        this.live = live;
    }

    @Override
    public void committed(long workspaceId, List<IncomingEvent> events) {
        boolean any = false;
        for (IncomingEvent event : events) {
            if (BusinessEventType.NAMES.contains(event.event())) {
                arrived(workspaceId, event);
                any = true;
            }
        }
        if (any) {
            live.changed(workspaceId);
        }
    }

    private void arrived(long workspaceId, IncomingEvent event) {
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
            return;
        }
        evaluator.evaluate(workspaceId, uuid, event.event(), result.event());
    }
}
