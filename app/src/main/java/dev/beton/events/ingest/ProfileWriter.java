package dev.beton.events.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies what a commit's events say about persons ({@code $set}, {@code $set_once}, new links)
 * and groups ({@code $groupidentify}): each changed row is read once, merged in event order and
 * written once per commit.
 */
final class ProfileWriter {

    private final JsonMapper json;

    ProfileWriter(JsonMapper json) {
        this.json = json;
    }

    private record Profile(ObjectNode properties, Instant createdAt, boolean changed) {}

    void writePersons(Connection connection, List<IncomingEvent> events, PersonDirectory.Resolution resolution)
            throws SQLException {
        Map<UUID, Profile> profiles = new LinkedHashMap<>();
        resolution
                .newPersons()
                .forEach((id, person) ->
                        profiles.put(id, new Profile(json.createObjectNode(), person.createdAt(), true)));
        List<UUID> changing = PersonDirectory.withPropertyChanges(events, resolution.personIds()).stream()
                .filter(id -> !profiles.containsKey(id))
                .distinct()
                .toList();
        profiles.putAll(loadPersons(connection, changing));
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent event = events.get(i);
            if (event.person().changesProperties()) {
                UUID id = resolution.personIds()[i];
                Profile profile = profiles.computeIfAbsent(
                        id, missing -> new Profile(json.createObjectNode(), event.timestamp(), true));
                profiles.put(
                        id, merged(profile, event.person().set(), event.person().setOnce()));
            }
        }
        try (DuckDBAppender appender = Staging.appender(connection, Staging.PERSONS)) {
            for (Map.Entry<UUID, Profile> entry : profiles.entrySet()) {
                Profile profile = entry.getValue();
                if (profile.changed()) {
                    appender.beginRow()
                            .append(entry.getKey())
                            .append(json.writeValueAsString(profile.properties()))
                            .append(utc(profile.createdAt()))
                            .endRow();
                }
            }
        }
        try (DuckDBAppender appender = Staging.appender(connection, Staging.LINKS)) {
            for (Map.Entry<String, UUID> link : resolution.links().entrySet()) {
                appender.beginRow()
                        .append(link.getKey())
                        .append(link.getValue())
                        .endRow();
            }
        }
        Staging.execute(connection, "INSERT OR REPLACE INTO persons SELECT * FROM " + Staging.PERSONS);
        Staging.execute(connection, "INSERT OR REPLACE INTO person_distinct_ids SELECT * FROM " + Staging.LINKS);
    }

    private Map<UUID, Profile> loadPersons(Connection connection, List<UUID> ids) throws SQLException {
        Map<UUID, Profile> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (DuckDBAppender appender = Staging.appender(connection, Staging.PERSON_IDS)) {
            for (UUID id : ids) {
                appender.beginRow().append(id).endRow();
            }
        }
        String sql = "SELECT p.id, p.properties, p.created_at FROM " + Staging.PERSON_IDS
                + " i JOIN persons p ON p.id = i.id";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                found.put(
                        rows.getObject(1, UUID.class), new Profile(object(rows.getString(2)), instant(rows, 3), false));
            }
        }
        return found;
    }

    private record GroupKey(int index, String key) {}

    void writeGroups(Connection connection, List<IncomingEvent> events, GroupTypes types) throws SQLException {
        Map<GroupKey, IncomingEvent.GroupIdentify> touched = new LinkedHashMap<>();
        for (IncomingEvent event : events) {
            event.groupIdentify()
                    .filter(identify -> types.indexOf(identify.type()).isPresent())
                    .ifPresent(identify -> touched.put(keyOf(identify, types), identify));
        }
        if (touched.isEmpty()) {
            return;
        }
        Map<GroupKey, Profile> groups = loadGroups(connection, touched.keySet());
        for (IncomingEvent event : events) {
            // A group type without a slot keeps its events, but its groups are not upserted.
            if (event.groupIdentify().isPresent()
                    && types.indexOf(event.groupIdentify().get().type()).isPresent()) {
                IncomingEvent.GroupIdentify identify = event.groupIdentify().get();
                GroupKey key = keyOf(identify, types);
                Profile profile = Optional.ofNullable(groups.get(key))
                        .orElseGet(() -> new Profile(json.createObjectNode(), event.timestamp(), true));
                groups.put(key, merged(profile, identify.set(), json.createObjectNode()));
            }
        }
        try (DuckDBAppender appender = Staging.appender(connection, Staging.GROUPS)) {
            for (Map.Entry<GroupKey, Profile> entry : groups.entrySet()) {
                if (entry.getValue().changed()) {
                    appender.beginRow()
                            .append(entry.getKey().index())
                            .append(entry.getKey().key())
                            .append(json.writeValueAsString(entry.getValue().properties()))
                            .append(utc(entry.getValue().createdAt()))
                            .endRow();
                }
            }
        }
        Staging.execute(connection, "INSERT OR REPLACE INTO groups SELECT * FROM " + Staging.GROUPS);
    }

    private static GroupKey keyOf(IncomingEvent.GroupIdentify identify, GroupTypes types) {
        return new GroupKey(types.indexOf(identify.type()).orElseThrow(), identify.key());
    }

    private Map<GroupKey, Profile> loadGroups(Connection connection, Iterable<GroupKey> keys) throws SQLException {
        try (DuckDBAppender appender = Staging.appender(connection, Staging.GROUP_KEYS)) {
            for (GroupKey key : keys) {
                appender.beginRow().append(key.index()).append(key.key()).endRow();
            }
        }
        Map<GroupKey, Profile> found = new LinkedHashMap<>();
        String sql = "SELECT g.group_type_index, g.group_key, g.properties, g.created_at FROM " + Staging.GROUP_KEYS
                + " k JOIN groups g ON g.group_type_index = k.group_type_index AND g.group_key = k.group_key";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                found.put(
                        new GroupKey(rows.getInt(1), rows.getString(2)),
                        new Profile(object(rows.getString(3)), instant(rows, 4), false));
            }
        }
        return found;
    }

    void writeGroupTypes(Connection connection, Map<String, Integer> added) throws SQLException {
        if (added.isEmpty()) {
            return;
        }
        try (PreparedStatement statement =
                connection.prepareStatement("INSERT INTO group_types (group_type_index, group_type) VALUES (?, ?)")) {
            for (Map.Entry<String, Integer> type : added.entrySet()) {
                statement.setInt(1, type.getValue());
                statement.setString(2, type.getKey());
                statement.executeUpdate();
            }
        }
    }

    /** {@code set} overwrites; {@code setOnce} fills only what is absent. */
    private Profile merged(Profile profile, ObjectNode set, ObjectNode setOnce) {
        ObjectNode properties = profile.properties().deepCopy();
        for (Map.Entry<String, JsonNode> entry : setOnce.properties()) {
            if (!properties.has(entry.getKey())) {
                properties.set(entry.getKey(), entry.getValue());
            }
        }
        properties.setAll(set);
        boolean changed = profile.changed() || !properties.equals(profile.properties());
        return new Profile(properties, profile.createdAt(), changed);
    }

    private ObjectNode object(String text) {
        if (text == null) {
            return json.createObjectNode();
        }
        JsonNode node = json.readTree(text);
        return node.isObject() ? (ObjectNode) node : json.createObjectNode();
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
