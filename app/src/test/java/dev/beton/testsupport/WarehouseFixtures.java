package dev.beton.testsupport;

import dev.beton.events.EmbeddedWarehouse;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes rows straight into a workspace's warehouse, for tests of what reads it. Tests of
 * ingestion itself go through the capture API instead.
 */
public final class WarehouseFixtures {

    private final EmbeddedWarehouse warehouse;
    private final long workspaceId;

    public WarehouseFixtures(EmbeddedWarehouse warehouse, long workspaceId) {
        this.warehouse = warehouse;
        this.workspaceId = workspaceId;
    }

    public WarehouseFixtures groupType(int index, String name) {
        warehouse.write(workspaceId, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO group_types VALUES (?, ?) ON CONFLICT (group_type_index)"
                            + " DO UPDATE SET group_type = excluded.group_type")) {
                s.setInt(1, index);
                s.setString(2, name);
                return s.executeUpdate();
            }
        });
        return this;
    }

    public WarehouseFixtures group(int index, String key, String propertiesJson, Instant createdAt) {
        warehouse.write(workspaceId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO groups VALUES (?, ?, ?, ?) ON CONFLICT (group_type_index, group_key)"
                            + " DO UPDATE SET properties = excluded.properties")) {
                s.setInt(1, index);
                s.setString(2, key);
                s.setString(3, propertiesJson);
                s.setObject(4, utc(createdAt));
                return s.executeUpdate();
            }
        });
        return this;
    }

    /** One event of a user in an account (company group at {@code groupIndex}). */
    public WarehouseFixtures event(String event, String distinctId, int groupIndex, String account, Instant at) {
        return event(event, distinctId, groupIndex, account, at, "{}");
    }

    public WarehouseFixtures event(
            String event, String distinctId, int groupIndex, String account, Instant at, String propertiesJson) {
        warehouse.write(workspaceId, c -> {
            String column = "\"$group_" + groupIndex + "\"";
            try (PreparedStatement s = c.prepareStatement("INSERT INTO events (uuid, event, distinct_id, timestamp,"
                    + " properties, " + column + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setObject(1, UUID.randomUUID());
                s.setString(2, event);
                s.setString(3, distinctId);
                s.setObject(4, utc(at));
                s.setString(5, propertiesJson);
                s.setString(6, account);
                return s.executeUpdate();
            }
        });
        return this;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
