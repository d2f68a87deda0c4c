package dev.beton.explorer;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.signals.CompanyGroupType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * The explorer's questions to a workspace's embedded store. Bookkeeping events (Beton's own
 * {@code beton_signal_fired}, and the {@code $identify}/{@code $groupidentify} the CRM sync
 * writes) are not user activity and are left out of every count.
 */
@Component
class ExplorerStore {

    /** More users than this are cut (the table pages through them in memory). */
    static final int MAX_USERS = 5_000;

    private static final String ACTIVITY =
            "event NOT IN ('beton_signal_fired', '$identify', '$groupidentify', '$set', '$create_alias')";

    private final EmbeddedWarehouse warehouse;

    ExplorerStore(EmbeddedWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** A user (distinct id) with their activity before {@code asOf}. */
    record UserActivity(
            String distinctId,
            Optional<String> email,
            Optional<String> name,
            Optional<String> account,
            long events,
            long distinctEvents,
            long activeDays,
            Instant firstSeen,
            Instant lastSeen) {}

    record NameCount(String name, long count) {}

    record DayCount(LocalDate day, long count) {}

    /** An account a person acted in: how often and when last. */
    record AccountTouch(String accountKey, long events, Instant lastSeen) {}

    List<UserActivity> users(long workspaceId, Instant asOf) {
        return warehouse.read(workspaceId, connection -> {
            String account =
                    accountColumn(connection).map(c -> "mode(" + c + ")").orElse("NULL");
            String sql = """
                    WITH a AS (
                      SELECT distinct_id, count(*) AS events, count(DISTINCT event) AS distinct_events,
                             count(DISTINCT CAST(timestamp AS DATE)) AS active_days,
                             min(timestamp) AS first_seen, max(timestamp) AS last_seen, %s AS account
                      FROM events WHERE timestamp < ? AND %s GROUP BY distinct_id)
                    SELECT a.*, json_extract_string(any_value(p.properties), '$.email') AS email,
                           json_extract_string(any_value(p.properties), '$.name') AS name
                    FROM a LEFT JOIN person_distinct_ids d ON d.distinct_id = a.distinct_id
                    LEFT JOIN persons p ON p.id = d.person_id
                    GROUP BY ALL ORDER BY events DESC, a.distinct_id LIMIT %d
                    """.formatted(account, ACTIVITY, MAX_USERS);
            List<UserActivity> users = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, utc(asOf));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        users.add(new UserActivity(
                                rs.getString("distinct_id"),
                                Optional.ofNullable(rs.getString("email")),
                                Optional.ofNullable(rs.getString("name")),
                                Optional.ofNullable(rs.getString("account")),
                                rs.getLong("events"),
                                rs.getLong("distinct_events"),
                                rs.getLong("active_days"),
                                instant(rs, "first_seen"),
                                instant(rs, "last_seen")));
                    }
                }
            }
            return users;
        });
    }

    /** The accounts a person's events carry, most active first. */
    List<AccountTouch> accountsOf(long workspaceId, String distinctId, Instant asOf) {
        return warehouse.read(workspaceId, connection -> {
            Optional<String> column = accountColumn(connection);
            if (column.isEmpty()) {
                return List.of();
            }
            String sql = "SELECT " + column.get() + " AS account, count(*), max(timestamp) AS last_seen FROM events"
                    + " WHERE distinct_id = ? AND timestamp < ? AND " + column.get() + " IS NOT NULL AND " + ACTIVITY
                    + " GROUP BY 1 ORDER BY 2 DESC, 1";
            List<AccountTouch> touches = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, distinctId);
                statement.setObject(2, utc(asOf));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        touches.add(new AccountTouch(rs.getString(1), rs.getLong(2), instant(rs, "last_seen")));
                    }
                }
            }
            return touches;
        });
    }

    /** The {@code $group_N} column holding accounts (the company group type), if the workspace has one. */
    private static Optional<String> accountColumn(Connection connection) throws SQLException {
        Map<Integer, String> types = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT group_type_index, group_type FROM group_types")) {
            while (rows.next()) {
                types.put(rows.getInt(1), rows.getString(2));
            }
        }
        OptionalInt index = CompanyGroupType.indexIn(types);
        return index.isPresent() ? Optional.of("\"$group_" + index.getAsInt() + "\"") : Optional.empty();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
