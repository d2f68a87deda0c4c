package dev.beton.events.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workspace's group types in first-use order ({@code $group_0} … {@code $group_4}), as PostHog
 * numbers them. Lives on the writer thread; changes are tentative until the commit succeeds.
 */
final class GroupTypes {

    static final int MAX_GROUP_TYPES = 5;

    private Map<String, Integer> committed;
    private final Map<String, Integer> tentative = new LinkedHashMap<>();

    void load(Connection connection) throws SQLException {
        if (committed != null) {
            return;
        }
        Map<String, Integer> types = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT group_type, group_type_index FROM group_types ORDER BY group_type_index")) {
            while (rows.next()) {
                types.put(rows.getString(1), rows.getInt(2));
            }
        }
        committed = types;
    }

    /**
     * Registers the types one request uses, all or none.
     *
     * @throws EventRejected when they would make more than five
     */
    void registerAll(List<String> types) {
        List<String> missing = types.stream()
                .distinct()
                .filter(type -> indexOf(type).isEmpty())
                .toList();
        if (size() + missing.size() > MAX_GROUP_TYPES) {
            throw EventRejected.badRequest("this project already has " + size() + " group types " + allNames()
                    + " and at most " + MAX_GROUP_TYPES + " are allowed; the group type '" + missing.getFirst()
                    + "' cannot be added");
        }
        missing.forEach(type -> tentative.put(type, size()));
    }

    Optional<Integer> indexOf(String type) {
        return Optional.ofNullable(committed.get(type)).or(() -> Optional.ofNullable(tentative.get(type)));
    }

    Map<String, Integer> added() {
        return tentative;
    }

    void committed() {
        committed.putAll(tentative);
        tentative.clear();
    }

    /** After a failed commit: forget everything and reload next time. */
    void forget() {
        committed = null;
        tentative.clear();
    }

    private int size() {
        return committed.size() + tentative.size();
    }

    private String allNames() {
        Map<String, Integer> all = new LinkedHashMap<>(committed);
        all.putAll(tentative);
        return all.keySet().toString();
    }
}
