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

    /** @param stored whether the row exists in the store (it was read), else it is a new row */
    private record Profile(ObjectNode properties, Instant createdAt, boolean changed, boolean stored) {}

    /**
     * Whether rows known to be new go in with a plain INSERT. DuckDB's INSERT OR REPLACE checks
     * every row for a conflict and costs ~3 times a plain INSERT (persons and links of a CRM sync
     * page: mostly new rows); only the rows that were read from the store need replacing. Off for
     * good once a row taken for new was stored after all, which the directory's invariants (links
     * and persons are never deleted, a new person's id is derived from its unlinked distinct id)
     * rule out: then every row is upserted as before.
     */
    private boolean newRowsInsertedPlainly = true;

    void writePersons(
            Connection connection, Staging staging, List<IncomingEvent> events, PersonDirectory.Resolution resolution)
            throws SQLException {
        Map<UUID, Profile> profiles = new LinkedHashMap<>();
        resolution
                .newPersons()
                .forEach((id, person) ->
                        profiles.put(id, new Profile(json.createObjectNode(), person.createdAt(), true, false)));
        List<UUID> changing = PersonDirectory.withPropertyChanges(events, resolution.personIds()).stream()
                .filter(id -> !profiles.containsKey(id))
                .distinct()
                .toList();
        profiles.putAll(loadPersons(connection, staging, changing));
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent event = events.get(i);
            if (event.person().changesProperties()) {
                UUID id = resolution.personIds()[i];
                Profile profile = profiles.computeIfAbsent(
                        id, missing -> new Profile(json.createObjectNode(), event.timestamp(), true, false));
                profiles.put(
                        id, merged(profile, event.person().set(), event.person().setOnce()));
            }
        }
        try (StagedRows rows = new StagedRows(connection, staging, Staging.NEW_PERSONS, Staging.PERSONS)) {
            for (Map.Entry<UUID, Profile> entry : profiles.entrySet()) {
                Profile profile = entry.getValue();
                if (profile.changed()) {
                    rows.of(profile.stored())
                            .beginRow()
                            .append(entry.getKey())
                            .append(json.writeValueAsString(profile.properties()))
                            .append(utc(profile.createdAt()))
                            .endRow();
                }
            }
            rows.moveInto("persons");
        }
        try (StagedRows rows = new StagedRows(connection, staging, Staging.NEW_LINKS, Staging.LINKS)) {
            for (Map.Entry<String, UUID> link : resolution.links().entrySet()) {
                rows.of(resolution.storedLinks().contains(link.getKey()))
                        .beginRow()
                        .append(link.getKey())
                        .append(link.getValue())
                        .endRow();
            }
            rows.moveInto("person_distinct_ids");
        }
    }

    private Map<UUID, Profile> loadPersons(Connection connection, Staging staging, List<UUID> ids) throws SQLException {
        Map<UUID, Profile> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (DuckDBAppender appender = staging.appender(connection, Staging.PERSON_IDS)) {
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
                        rows.getObject(1, UUID.class),
                        new Profile(object(rows.getString(2)), instant(rows, 3), false, true));
            }
        }
        return found;
    }

    private record GroupKey(int index, String key) {}

    void writeGroups(Connection connection, Staging staging, List<IncomingEvent> events, GroupTypes types)
            throws SQLException {
        Map<GroupKey, IncomingEvent.GroupIdentify> touched = new LinkedHashMap<>();
        for (IncomingEvent event : events) {
            event.groupIdentify()
                    .filter(identify -> types.indexOf(identify.type()).isPresent())
                    .ifPresent(identify -> touched.put(keyOf(identify, types), identify));
        }
        if (touched.isEmpty()) {
            return;
        }
        Map<GroupKey, Profile> groups = loadGroups(connection, staging, touched.keySet());
        for (IncomingEvent event : events) {
            // A group type without a slot keeps its events, but its groups are not upserted.
            if (event.groupIdentify().isPresent()
                    && types.indexOf(event.groupIdentify().get().type()).isPresent()) {
                IncomingEvent.GroupIdentify identify = event.groupIdentify().get();
                GroupKey key = keyOf(identify, types);
                Profile profile = Optional.ofNullable(groups.get(key))
                        .orElseGet(() -> new Profile(json.createObjectNode(), event.timestamp(), true, false));
                groups.put(key, merged(profile, identify.set(), json.createObjectNode()));
            }
        }
        try (StagedRows rows = new StagedRows(connection, staging, Staging.NEW_GROUPS, Staging.GROUPS)) {
            for (Map.Entry<GroupKey, Profile> entry : groups.entrySet()) {
                Profile profile = entry.getValue();
                if (profile.changed()) {
                    rows.of(profile.stored())
                            .beginRow()
                            .append(entry.getKey().index())
                            .append(entry.getKey().key())
                            .append(json.writeValueAsString(profile.properties()))
                            .append(utc(profile.createdAt()))
                            .endRow();
                }
            }
            rows.moveInto("groups");
        }
    }

    private static GroupKey keyOf(IncomingEvent.GroupIdentify identify, GroupTypes types) {
        return new GroupKey(types.indexOf(identify.type()).orElseThrow(), identify.key());
    }

    private Map<GroupKey, Profile> loadGroups(Connection connection, Staging staging, Iterable<GroupKey> keys)
            throws SQLException {
        try (DuckDBAppender appender = staging.appender(connection, Staging.GROUP_KEYS)) {
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
                        new Profile(object(rows.getString(3)), instant(rows, 4), false, true));
            }
        }
        return found;
    }

    boolean insertsNewRowsPlainly() {
        return newRowsInsertedPlainly;
    }

    /** A row taken for new was stored after all: from now on every row is upserted. */
    void upsertNewRowsToo() {
        newRowsInsertedPlainly = false;
    }

    /**
     * A commit's rows for one table, staged apart by whether they are new or replace a stored row,
     * then moved into the table with one statement each.
     */
    private final class StagedRows implements AutoCloseable {

        private final Connection connection;
        private final Staging staging;
        private final String newRows;
        private final String storedRows;
        private DuckDBAppender newAppender;
        private DuckDBAppender storedAppender;

        StagedRows(Connection connection, Staging staging, String newRows, String storedRows) {
            this.connection = connection;
            this.staging = staging;
            this.newRows = newRows;
            this.storedRows = storedRows;
        }

        DuckDBAppender of(boolean stored) throws SQLException {
            if (stored) {
                storedAppender = storedAppender != null ? storedAppender : staging.appender(connection, storedRows);
                return storedAppender;
            }
            newAppender = newAppender != null ? newAppender : staging.appender(connection, newRows);
            return newAppender;
        }

        void moveInto(String table) throws SQLException {
            boolean anyNew = newAppender != null;
            boolean anyStored = storedAppender != null;
            close(); // the appenders' rows are in their tables once closed
            if (anyNew) {
                Staging.execute(
                        connection,
                        (newRowsInsertedPlainly ? "INSERT INTO " : "INSERT OR REPLACE INTO ") + table
                                + " SELECT * FROM " + newRows);
            }
            if (anyStored) {
                Staging.execute(connection, "INSERT OR REPLACE INTO " + table + " SELECT * FROM " + storedRows);
            }
        }

        @Override
        public void close() throws SQLException {
            try (DuckDBAppender first = newAppender;
                    DuckDBAppender second = storedAppender) {
                newAppender = null;
                storedAppender = null;
            }
        }
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
        return new Profile(properties, profile.createdAt(), changed, profile.stored());
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
