package dev.beton.events.grouptypes;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.web.ProblemException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * An admin's say over a workspace's five group-type slots: add a type (it takes the lowest free
 * slot), rename one, remove one. Changes run on the workspace's writer thread between two commits,
 * so capture never sees half of one.
 *
 * <p>Removing a type frees its slot: its groups are deleted and {@code $group_<index>} is cleared
 * on the stored events, so that a type added later into the same slot does not inherit them. The
 * events themselves stay, and still name the old type in {@code properties.$groups}.
 */
@Service
public class GroupTypeSettings {

    public static final int SLOTS = 5;
    static final int MAX_NAME_LENGTH = 100;
    // How far back the page looks for types events use without a slot.
    private static final int RECENT_EVENTS = 10_000;

    private final EmbeddedWarehouse warehouse;
    private final EventIngestion ingestion;

    GroupTypeSettings(EmbeddedWarehouse warehouse, EventIngestion ingestion) {
        this.warehouse = warehouse;
        this.ingestion = ingestion;
    }

    public List<GroupType> list(long workspaceId) {
        return warehouse.read(workspaceId, GroupTypeSettings::read);
    }

    /** Types that recent events use in {@code $groups} but that have no slot, most used first. */
    public List<UnslottedGroupType> unslotted(long workspaceId) {
        String sql = """
                SELECT type, count(*) FROM (
                    SELECT unnest(json_keys(properties, '$."$groups"')) AS type
                    FROM (SELECT properties FROM events ORDER BY inserted_at DESC LIMIT %d)
                    WHERE json_type(properties, '$."$groups"') = 'OBJECT')
                WHERE type NOT IN (SELECT group_type FROM group_types)
                GROUP BY type ORDER BY count(*) DESC, type LIMIT 20
                """.formatted(RECENT_EVENTS);
        return warehouse.read(workspaceId, connection -> {
            List<UnslottedGroupType> types = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    types.add(new UnslottedGroupType(rows.getString(1), rows.getLong(2)));
                }
            }
            return types;
        });
    }

    public GroupType add(long workspaceId, String rawName) {
        String name = validName(rawName);
        return ingestion.changeGroupTypes(workspaceId, connection -> {
            List<GroupType> types = read(connection);
            requireUnused(types, name);
            int slot = freeSlot(types)
                    .orElseThrow(() -> ProblemException.conflict("All " + SLOTS + " group type slots are taken ("
                            + names(types) + "). Remove or rename one first."));
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO group_types (group_type_index, group_type) VALUES (?, ?)")) {
                insert.setInt(1, slot);
                insert.setString(2, name);
                insert.executeUpdate();
            }
            return new GroupType(slot, name, 0);
        });
    }

    public GroupType rename(long workspaceId, int index, String rawName) {
        String name = validName(rawName);
        return ingestion.changeGroupTypes(workspaceId, connection -> {
            List<GroupType> types = read(connection);
            GroupType type = existing(types, index);
            if (type.name().equals(name)) {
                return type;
            }
            requireUnused(types, name);
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE group_types SET group_type = ? WHERE group_type_index = ?")) {
                update.setString(1, name);
                update.setInt(2, index);
                update.executeUpdate();
            }
            return new GroupType(index, name, type.groups());
        });
    }

    public void remove(long workspaceId, int index) {
        ingestion.changeGroupTypes(workspaceId, connection -> {
            existing(read(connection), index);
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN TRANSACTION");
                try {
                    statement.execute("DELETE FROM groups WHERE group_type_index = " + index);
                    statement.execute("UPDATE events SET \"$group_" + index + "\" = NULL WHERE \"$group_" + index
                            + "\" IS NOT NULL");
                    statement.execute("DELETE FROM group_types WHERE group_type_index = " + index);
                    // The dashboards' usage rollup is keyed by the company group: rebuilt on its next
                    // refresh, raw events until then (dashboards.UsageRollup).
                    statement.execute("DELETE FROM usage_rollup_state");
                    statement.execute("COMMIT");
                } catch (SQLException e) {
                    statement.execute("ROLLBACK");
                    throw e;
                }
            }
            return null;
        });
    }

    private static List<GroupType> read(Connection connection) throws SQLException {
        List<GroupType> types = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT t.group_type_index, t.group_type, count(g.group_key)
                        FROM group_types t LEFT JOIN groups g ON g.group_type_index = t.group_type_index
                        GROUP BY t.group_type_index, t.group_type ORDER BY t.group_type_index""")) {
            while (rows.next()) {
                types.add(new GroupType(rows.getInt(1), rows.getString(2), rows.getLong(3)));
            }
        }
        return types;
    }

    static String validName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw ProblemException.badRequest("A group type needs a name, such as company.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ProblemException.badRequest("A group type name has at most " + MAX_NAME_LENGTH
                    + " characters; this one has " + name.length() + ".");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("A group type name cannot contain control characters.");
        }
        return name;
    }

    private static void requireUnused(List<GroupType> types, String name) {
        if (types.stream().anyMatch(type -> type.name().equals(name))) {
            throw ProblemException.conflict("The group type '" + name + "' already exists.");
        }
    }

    private static GroupType existing(List<GroupType> types, int index) {
        return types.stream()
                .filter(type -> type.index() == index)
                .findFirst()
                .orElseThrow(
                        () -> ProblemException.notFound("This workspace has no group type in slot " + index + "."));
    }

    private static Optional<Integer> freeSlot(List<GroupType> types) {
        for (int slot = 0; slot < SLOTS; slot++) {
            int candidate = slot;
            if (types.stream().noneMatch(type -> type.index() == candidate)) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    private static String names(List<GroupType> types) {
        return String.join(", ", types.stream().map(GroupType::name).toList());
    }
}
