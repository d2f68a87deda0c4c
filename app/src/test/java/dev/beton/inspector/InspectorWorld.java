package dev.beton.inspector;

import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.IncomingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A hand-built world written through the real ingestion, small enough that its punch lists are
 * worked out by hand in {@link InspectorOnEmbeddedStoreTest}.
 */
final class InspectorWorld {

    /** The instant every run of the tests is evaluated as of. */
    static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");

    private final EventIngestion ingestion;
    private final long workspaceId;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<IncomingEvent> batch = new ArrayList<>();

    InspectorWorld(EventIngestion ingestion, long workspaceId) {
        this.ingestion = ingestion;
        this.workspaceId = workspaceId;
    }

    /** {@code times} events one second apart ending {@code daysBefore} whole days before {@link #AS_OF}. */
    InspectorWorld events(String event, String user, String account, int daysBefore, int times, String propertiesJson) {
        return eventsAt(event, user, account, AS_OF.minus(Duration.ofDays(daysBefore)), times, propertiesJson);
    }

    InspectorWorld eventsAt(String event, String user, String account, Instant end, int times, String propertiesJson) {
        for (int i = 0; i < times; i++) {
            ObjectNode properties = (ObjectNode) json.readTree(propertiesJson);
            properties.set("$groups", json.createObjectNode().put("company", account));
            raw(event, user, end.minusSeconds(i + 1), properties);
        }
        return this;
    }

    InspectorWorld company(String account, String groupSetJson) {
        ObjectNode properties =
                json.createObjectNode().put("$group_type", "company").put("$group_key", account);
        properties.set("$group_set", json.readTree(groupSetJson));
        return raw("$groupidentify", "company:" + account, AS_OF.minus(Duration.ofDays(60)), properties);
    }

    InspectorWorld person(String user, String setJson) {
        ObjectNode properties = json.createObjectNode();
        properties.set("$set", json.readTree(setJson));
        return raw("$identify", user, AS_OF.minus(Duration.ofDays(60)), properties);
    }

    void ingest() {
        ingestion.ingest(workspaceId, List.copyOf(batch));
        batch.clear();
    }

    private InspectorWorld raw(String event, String distinctId, Instant at, ObjectNode properties) {
        ObjectNode node = json.createObjectNode()
                .put("event", event)
                .put("distinct_id", distinctId)
                .put("timestamp", at.toString());
        node.set("properties", properties);
        batch.add(ingestion.parser().parse(node, at.plusSeconds(60), Optional.empty(), EventParser.Source.IMPORT));
        return this;
    }
}
