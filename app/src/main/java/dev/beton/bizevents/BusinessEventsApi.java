package dev.beton.bizevents;

import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.EventRejected;
import dev.beton.events.ingest.IncomingEvent;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The strict way in: every business event of a request is checked against its schema before
 * anything is stored; one invalid event refuses the request (400 naming each field). Valid ones go
 * through the same ingestion as capture, so they are stored, deduplicated and alerted on the same
 * way.
 */
@RestController
class BusinessEventsApi {

    static final int MAX_EVENTS = 1000;

    /** @param alerts the alerts the event raised or counted up */
    record Accepted(String uuid, String event, String tenantId, List<Alert> alerts) {}

    record Answer(int stored, int duplicates, List<Accepted> events) {}

    private final EventIngestion ingestion;
    private final Alerts alerts;
    private final EventIssues issues;

    BusinessEventsApi(EventIngestion ingestion, Alerts alerts, EventIssues issues) {
        this.ingestion = ingestion;
        this.alerts = alerts;
        this.issues = issues;
    }

    /** One event, an array of events, or {@code {"batch": [...]}}. */
    @PostMapping(path = "/api/v1/business-events", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Answer post(CurrentWorkspace workspace, @RequestBody JsonNode body) {
        List<JsonNode> raw = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(raw::add);
        } else if (body.isObject()
                && body.get("batch") != null
                && body.get("batch").isArray()) {
            body.get("batch").forEach(raw::add);
        } else if (body.isObject()) {
            raw.add(body);
        } else {
            throw ProblemException.badRequest(
                    "The body must be a business event, an array of them or {\"batch\": [...]}.");
        }
        if (raw.isEmpty() || raw.size() > MAX_EVENTS) {
            throw ProblemException.badRequest("A request holds 1 to " + MAX_EVENTS + " business events.");
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        List<IncomingEvent> incoming = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        Instant now = ingestion.clock().instant();
        for (int i = 0; i < raw.size(); i++) {
            JsonNode event = raw.get(i);
            String name = event.isObject()
                            && event.get("event") != null
                            && event.get("event").isString()
                    ? event.get("event").stringValue()
                    : null;
            Optional<BusinessEventType> type = Optional.ofNullable(name).flatMap(BusinessEventType::of);
            if (type.isEmpty()) {
                errors.add(error(i, name, "event", "must be one of " + String.join(", ", names())));
                continue;
            }
            BusinessEventValidator.Result result = BusinessEventValidator.validate(type.get(), event.get("properties"));
            for (BusinessEventValidator.FieldError e : result.errors()) {
                errors.add(error(i, name, e.field(), e.message()));
            }
            if (result.valid()) {
                ObjectNode envelope = ((ObjectNode) event).deepCopy();
                if (envelope.get("distinct_id") == null) {
                    // the seed's senders use the tenant as distinct id
                    envelope.put("distinct_id", result.event().tenantId());
                }
                try {
                    incoming.add(ingestion.parser().parse(envelope, now, Optional.empty(), EventParser.Source.CAPTURE));
                } catch (EventRejected rejected) {
                    errors.add(error(i, name, "event", rejected.getMessage()));
                }
                tenants.add(result.event().tenantId());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidBusinessEvent(sentence(errors), errors);
        }
        var stored = ingestion.ingest(workspace.id(), incoming);
        List<Accepted> accepted = new ArrayList<>();
        for (int i = 0; i < incoming.size(); i++) {
            IncomingEvent e = incoming.get(i);
            String uuid = e.uuid().toString();
            accepted.add(new Accepted(uuid, e.event(), tenants.get(i), alerts.byEvent(workspace.id(), uuid)));
        }
        return new Answer(stored.stored(), stored.duplicates(), accepted);
    }

    /** Every schema, keyed by event name. */
    @GetMapping(path = "/api/v1/business-events/schemas", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, ObjectNode> schemas() {
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        for (BusinessEventType type : BusinessEventType.values()) {
            all.put(type.eventName(), BusinessEventSchemas.of(type, schemaUrl(type)));
        }
        return all;
    }

    @GetMapping(path = "/api/v1/business-events/schemas/{name}", produces = "application/schema+json")
    ObjectNode schema(@PathVariable String name) {
        String eventName = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        BusinessEventType type = BusinessEventType.of(eventName)
                .orElseThrow(() -> ProblemException.notFound("No business event schema " + eventName + "."));
        return BusinessEventSchemas.of(type, schemaUrl(type));
    }

    /** Business events capture stored although they break their schema. */
    @GetMapping("/api/v1/business-events/invalid")
    List<EventIssues.Issue> invalid(CurrentWorkspace workspace, @RequestParam(defaultValue = "100") int limit) {
        return issues.recent(workspace.id(), limit);
    }

    private static String schemaUrl(BusinessEventType type) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/business-events/schemas/" + type.eventName() + ".json")
                .toUriString();
    }

    private static List<String> names() {
        return java.util.Arrays.stream(BusinessEventType.values())
                .map(BusinessEventType::eventName)
                .toList();
    }

    private static Map<String, Object> error(int index, String event, String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("index", index);
        error.put("event", event);
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private static String sentence(List<Map<String, Object>> errors) {
        List<String> parts = errors.stream()
                .limit(20)
                .map(e -> e.get("field") + " " + e.get("message"))
                .toList();
        return "Invalid business event: " + String.join("; ", parts) + (errors.size() > 20 ? "; …" : "") + ".";
    }
}
