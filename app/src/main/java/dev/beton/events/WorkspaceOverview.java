package dev.beton.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What the workspace home page shows: accounts with activity, and events per day. */
@Service
public class WorkspaceOverview {

    static final int MAX_ACCOUNTS = 500;
    private static final Duration ACTIVE_WINDOW = Duration.ofDays(30);

    private final EmbeddedWarehouse warehouse;

    WorkspaceOverview(EmbeddedWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Accounts of the company group type, as of {@code asOf} (later events are not counted). */
    public List<AccountActivity> accounts(long workspaceId, AccountSort sort, boolean descending, Instant asOf) {
        return warehouse.read(workspaceId, connection -> {
            int group = companyGroupIndex(connection);
            String column = "\"$group_" + group + "\"";
            String sql = """
                    WITH activity AS (
                      SELECT %1$s AS account_key, count(*) AS events,
                             count(DISTINCT distinct_id) FILTER (WHERE timestamp >= ?) AS active_users,
                             max(timestamp) AS last_seen
                      FROM events WHERE %1$s IS NOT NULL AND timestamp < ? AND event <> '%5$s' GROUP BY 1),
                    accounts AS (
                      SELECT coalesce(g.group_key, a.account_key) AS key,
                             json_extract_string(g.properties, '$.name') AS name,
                             coalesce(a.events, 0) AS events, coalesce(a.active_users, 0) AS active_users,
                             a.last_seen
                      FROM activity a
                      FULL OUTER JOIN (SELECT * FROM groups WHERE group_type_index = ?) g
                        ON g.group_key = a.account_key)
                    SELECT * FROM accounts ORDER BY %2$s %3$s NULLS LAST, key LIMIT %4$d
                    """.formatted(column, sort.column, descending ? "DESC" : "ASC", MAX_ACCOUNTS, OWN_EVENT);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, utc(asOf.minus(ACTIVE_WINDOW)));
                statement.setObject(2, utc(asOf));
                statement.setInt(3, group);
                return accountsFrom(statement.executeQuery());
            }
        });
    }

    /** Events per UTC day over the {@code days} days before {@code asOf}, oldest first, gaps as 0. */
    public List<DailyCount> eventsPerDay(long workspaceId, int days, Instant asOf) {
        return warehouse.read(workspaceId, connection -> {
            String sql = """
                    SELECT d::DATE AS day, count(e.uuid) AS events
                    FROM range(CAST(? AS DATE), CAST(? AS DATE) + INTERVAL 1 DAY, INTERVAL 1 DAY) r(d)
                    LEFT JOIN events e ON date_trunc('day', e.timestamp) = d AND e.timestamp < ?
                      AND e.event <> 'beton_signal_fired'
                    GROUP BY 1 ORDER BY 1
                    """;
            LocalDateTime end = utc(asOf);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, end.toLocalDate().minusDays(days - 1L));
                statement.setObject(2, end.toLocalDate());
                statement.setObject(3, end);
                List<DailyCount> counts = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.add(new DailyCount(rows.getObject("day", java.time.LocalDate.class), rows.getLong(2)));
                    }
                }
                return counts;
            }
        });
    }

    /**
     * Beton's own event (a fired signal written back as an event): not the user's activity, so
     * last seen and event counts leave it out (it made the detection time look like a visit).
     */
    static final String OWN_EVENT = "beton_signal_fired";

    /** Total events stored for the workspace, Beton's own {@code beton_signal_fired} left out. */
    public long totalEvents(long workspaceId) {
        return warehouse.read(workspaceId, connection -> {
            try (var statement = connection.createStatement();
                    var rows =
                            statement.executeQuery("SELECT count(*) FROM events WHERE event <> '" + OWN_EVENT + "'")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * The group type index that holds accounts: the type named company (or organization/account),
     * else the first registered type, else 0.
     */
    static int companyGroupIndex(Connection connection) throws SQLException {
        String sql = """
                SELECT group_type_index FROM group_types
                ORDER BY CASE lower(group_type) WHEN 'company' THEN 0 WHEN 'organization' THEN 1
                         WHEN 'account' THEN 2 ELSE 3 END, group_type_index LIMIT 1
                """;
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private static List<AccountActivity> accountsFrom(ResultSet rows) throws SQLException {
        List<AccountActivity> accounts = new ArrayList<>();
        try (rows) {
            while (rows.next()) {
                LocalDateTime lastSeen = rows.getObject("last_seen", LocalDateTime.class);
                accounts.add(new AccountActivity(
                        rows.getString("key"),
                        Optional.ofNullable(rows.getString("name")),
                        rows.getLong("events"),
                        rows.getLong("active_users"),
                        Optional.ofNullable(lastSeen).map(t -> t.toInstant(ZoneOffset.UTC))));
            }
        }
        return accounts;
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
