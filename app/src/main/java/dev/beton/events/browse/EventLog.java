package dev.beton.events.browse;

import dev.beton.events.EmbeddedWarehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Reads a workspace's stored events back: filtered keyset pages, the latest arrivals, totals. */
@Service
public class EventLog {

    private static final String COLUMNS = "uuid, event, distinct_id, person_id, timestamp, properties,"
            + " \"$group_0\", \"$group_1\", \"$group_2\", \"$group_3\", \"$group_4\", inserted_at";

    private final EmbeddedWarehouse warehouse;
    private final JsonMapper json;

    EventLog(EmbeddedWarehouse warehouse, JsonMapper json) {
        this.warehouse = warehouse;
        this.json = json;
    }

    public EventPage page(long workspaceId, EventFilter filter) {
        return warehouse.read(workspaceId, connection -> {
            List<Object> params = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE true");
            filter.event().ifPresent(event -> condition(where, params, " AND event = ?", event));
            filter.distinctId().ifPresent(id -> condition(where, params, " AND distinct_id = ?", id));
            filter.groupKey().ifPresent(key -> {
                where.append(" AND ? IN (\"$group_0\", \"$group_1\", \"$group_2\", \"$group_3\", \"$group_4\")");
                params.add(key);
            });
            filter.after().ifPresent(after -> condition(where, params, " AND timestamp >= ?", utc(after)));
            filter.before().ifPresent(before -> condition(where, params, " AND timestamp < ?", utc(before)));
            filter.cursor().ifPresent(cursor -> {
                where.append(" AND (timestamp < ? OR (timestamp = ? AND uuid < ?))");
                params.add(utc(cursor.timestamp()));
                params.add(utc(cursor.timestamp()));
                params.add(cursor.uuid());
            });
            String sql = "SELECT " + COLUMNS + " FROM events" + where + " ORDER BY timestamp DESC, uuid DESC LIMIT ?";
            params.add(filter.limit() + 1);
            List<StoredEvent> rows = query(connection, sql, params);
            Optional<String> next = Optional.empty();
            if (rows.size() > filter.limit()) {
                rows = rows.subList(0, filter.limit());
                StoredEvent last = rows.getLast();
                next = Optional.of(new EventCursor(last.timestamp(), last.uuid()).encode());
            }
            return new EventPage(List.copyOf(rows), next);
        });
    }

    /** The events committed most recently (by arrival, not by event time), newest first. */
    public List<StoredEvent> latestArrivals(long workspaceId, int limit) {
        return warehouse.read(
                workspaceId,
                connection -> query(
                        connection,
                        "SELECT " + COLUMNS + " FROM events ORDER BY inserted_at DESC, timestamp DESC LIMIT ?",
                        List.of(limit)));
    }

    public EventStats stats(long workspaceId) {
        return warehouse.read(workspaceId, connection -> {
            long total;
            Optional<Instant> first;
            Optional<Instant> last;
            try (Statement statement = connection.createStatement();
                    ResultSet rows =
                            statement.executeQuery("SELECT count(*), min(timestamp), max(timestamp) FROM events")) {
                rows.next();
                total = rows.getLong(1);
                first = instant(rows.getObject(2, LocalDateTime.class));
                last = instant(rows.getObject(3, LocalDateTime.class));
            }
            List<EventStats.NameCount> byEvent = counts(
                    connection, "SELECT event, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1 LIMIT 500");
            long persons = counts(connection, "SELECT 'persons', count(*) FROM persons")
                    .getFirst()
                    .count();
            List<EventStats.NameCount> groups = counts(connection, """
                    SELECT t.group_type, count(g.group_key) FROM group_types t
                    LEFT JOIN groups g ON g.group_type_index = t.group_type_index
                    GROUP BY t.group_type, t.group_type_index ORDER BY t.group_type_index""");
            return new EventStats(total, first, last, byEvent, persons, groups);
        });
    }

    private List<StoredEvent> query(Connection connection, String sql, List<Object> params) throws SQLException {
        Map<Integer, String> types = groupTypes(connection);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(event(rows, types));
                }
            }
            return events;
        }
    }

    private StoredEvent event(ResultSet rows, Map<Integer, String> types) throws SQLException {
        Map<String, String> groups = new LinkedHashMap<>();
        for (int index = 0; index < 5; index++) {
            String key = rows.getString(7 + index);
            if (key != null) {
                groups.put(types.getOrDefault(index, "$group_" + index), key);
            }
        }
        String properties = rows.getString(6);
        return new StoredEvent(
                rows.getObject(1, UUID.class),
                rows.getString(2),
                rows.getString(3),
                rows.getObject(4, UUID.class),
                rows.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                properties == null ? json.createObjectNode() : json.readTree(properties),
                groups,
                rows.getObject(12, LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }

    private static Map<Integer, String> groupTypes(Connection connection) throws SQLException {
        Map<Integer, String> types = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT group_type_index, group_type FROM group_types")) {
            while (rows.next()) {
                types.put(rows.getInt(1), rows.getString(2));
            }
        }
        return types;
    }

    private static List<EventStats.NameCount> counts(Connection connection, String sql) throws SQLException {
        List<EventStats.NameCount> counts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.add(new EventStats.NameCount(rows.getString(1), rows.getLong(2)));
            }
        }
        return counts;
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        where.append(sql);
        params.add(value);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Optional<Instant> instant(LocalDateTime time) {
        return Optional.ofNullable(time).map(t -> t.toInstant(ZoneOffset.UTC));
    }
}
