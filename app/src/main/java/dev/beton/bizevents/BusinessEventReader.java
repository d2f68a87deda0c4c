package dev.beton.bizevents;

import dev.beton.events.EmbeddedWarehouse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a period's business events back from the workspace's event store and types them; events
 * that break their schema are skipped here (they are listed on their own page).
 */
@Component
class BusinessEventReader {

    private static final String NAMES =
            BusinessEventType.NAMES.stream().sorted().map(n -> "'" + n + "'").collect(Collectors.joining(", "));

    private final EmbeddedWarehouse warehouse;
    private final JsonMapper json;

    BusinessEventReader(EmbeddedWarehouse warehouse, JsonMapper json) {
        this.warehouse = warehouse;
        this.json = json;
    }

    /** @param tenantId null for every tenant */
    List<DatedEvent> read(long workspaceId, Instant from, Instant to, String tenantId) {
        return warehouse.read(workspaceId, connection -> {
            String sql = "SELECT uuid, event, timestamp, properties FROM events WHERE event IN (" + NAMES + ")"
                    + " AND timestamp >= ? AND timestamp < ?"
                    + (tenantId == null ? "" : " AND json_extract_string(properties, '$.tenant_id') = ?")
                    + " ORDER BY timestamp";
            List<DatedEvent> events = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, LocalDateTime.ofInstant(from, ZoneOffset.UTC));
                statement.setObject(2, LocalDateTime.ofInstant(to, ZoneOffset.UTC));
                if (tenantId != null) {
                    statement.setString(3, tenantId);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        BusinessEventType type =
                                BusinessEventType.of(rs.getString("event")).orElseThrow();
                        JsonNode properties = json.readTree(rs.getString("properties"));
                        var result = BusinessEventValidator.validate(type, properties);
                        if (result.valid()) {
                            Instant at = rs.getObject("timestamp", LocalDateTime.class)
                                    .toInstant(ZoneOffset.UTC);
                            events.add(new DatedEvent(rs.getString("uuid"), at, result.event()));
                        }
                    }
                }
            }
            return events;
        });
    }
}
