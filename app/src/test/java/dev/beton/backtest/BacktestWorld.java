package dev.beton.backtest;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.IncomingEvent;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small world written through the real ingestion (so persons and groups are kept as PostHog
 * would), with every kind of input: product events, {@code $groupidentify}, {@code $identify} with
 * person properties, aliases, and deals in the CRM mirror.
 */
final class BacktestWorld {

    private final EventIngestion ingestion;
    private final EmbeddedWarehouse warehouse;
    private final JsonMapper json = JsonMapper.builder().build();
    private final long workspaceId;
    private final List<IncomingEvent> batch = new ArrayList<>();

    BacktestWorld(EventIngestion ingestion, EmbeddedWarehouse warehouse, long workspaceId) {
        this.ingestion = ingestion;
        this.warehouse = warehouse;
        this.workspaceId = workspaceId;
    }

    BacktestWorld event(String event, String user, String account, Instant at, String propertiesJson) {
        ObjectNode properties = (ObjectNode) json.readTree(propertiesJson);
        properties.set("$groups", json.createObjectNode().put("company", account));
        return raw(event, user, at, properties);
    }

    BacktestWorld repeat(String event, String user, String account, Instant at, int times) {
        for (int i = 0; i < times; i++) {
            event(event, user, account, at.plusSeconds(i), "{}");
        }
        return this;
    }

    BacktestWorld groupIdentify(String account, Instant at, String groupSetJson) {
        ObjectNode properties =
                json.createObjectNode().put("$group_type", "company").put("$group_key", account);
        properties.set("$group_set", json.readTree(groupSetJson));
        return raw("$groupidentify", "company:" + account, at, properties);
    }

    BacktestWorld identify(String user, Instant at, String setJson) {
        ObjectNode properties = json.createObjectNode();
        properties.set("$set", json.readTree(setJson));
        return raw("$identify", user, at, properties);
    }

    BacktestWorld alias(String user, String alias, Instant at) {
        ObjectNode properties = json.createObjectNode().put("alias", alias);
        return raw("$create_alias", user, at, properties);
    }

    BacktestWorld deal(String account, String source, String stage, int amount, Instant created, Instant closed) {
        String id = "deal-" + account + "-" + UUID.randomUUID();
        warehouse.write(workspaceId, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_deals VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, account);
                s.setString(3, account + " deal");
                s.setString(4, source);
                s.setString(5, stage);
                s.setBigDecimal(6, BigDecimal.valueOf(amount));
                s.setObject(7, utc(created));
                s.setObject(8, closed == null ? null : utc(closed));
                return s.executeUpdate();
            }
        });
        return this;
    }

    /** Writes the events collected so far. */
    void ingest() {
        ingestion.ingest(workspaceId, List.copyOf(batch));
        batch.clear();
    }

    private BacktestWorld raw(String event, String distinctId, Instant at, ObjectNode properties) {
        ObjectNode node = json.createObjectNode()
                .put("event", event)
                .put("distinct_id", distinctId)
                .put("timestamp", at.toString());
        node.set("properties", properties);
        batch.add(parse(node, at));
        return this;
    }

    private IncomingEvent parse(JsonNode node, Instant at) {
        Instant received = at.plus(Duration.ofMinutes(1));
        return ingestion.parser().parse(node, received, Optional.empty(), EventParser.Source.IMPORT);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
