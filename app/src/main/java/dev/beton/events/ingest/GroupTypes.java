package dev.beton.events.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A workspace's group types and their slots ({@code $group_0} … {@code $group_4}), as PostHog
 * numbers them. Lives on the writer thread; changes are tentative until the commit succeeds.
 *
 * <p>Capture authenticates with the public project token, so it may not decide what the
 * workspace's five slots hold: one event with five invented {@code $groups} keys used to take
 * them all, and every later batch with {@code $groups.company} was refused. A type claims a slot
 * only when it is already one of the workspace's group types (added by an admin, or claimed
 * before) or one of the instance's automatic types ({@code company} unless configured
 * otherwise). Any other type is kept on the event ({@code properties.$groups}) and claims
 * nothing; nothing is ever refused for its group types.
 */
final class GroupTypes {

    static final int MAX_GROUP_TYPES = 5;

    private final Set<String> automatic;
    private Map<String, Integer> committed;
    private final Map<String, Integer> tentative = new LinkedHashMap<>();

    /** @param automatic the types that claim a free slot on first use */
    GroupTypes(Set<String> automatic) {
        this.automatic = Set.copyOf(automatic);
    }

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

    /** Gives each automatic type of one request a slot while slots are free; ignores the rest. */
    void registerAll(List<String> types) {
        types.stream()
                .distinct()
                .filter(automatic::contains)
                .filter(type -> indexOf(type).isEmpty())
                .forEach(type -> freeSlot().ifPresent(slot -> tentative.put(type, slot)));
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

    /** After a failed commit, or when an admin changed the types: reload next time. */
    void forget() {
        committed = null;
        tentative.clear();
    }

    /** The lowest free slot: after an admin removed a type, its slot is the first to be reused. */
    private Optional<Integer> freeSlot() {
        Set<Integer> taken = new TreeSet<>(committed.values());
        taken.addAll(tentative.values());
        for (int slot = 0; slot < MAX_GROUP_TYPES; slot++) {
            if (!taken.contains(slot)) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }
}
