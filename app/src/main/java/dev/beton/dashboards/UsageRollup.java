package dev.beton.dashboards;

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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The usage rollup of a workspace's embedded store (warehouse migration V60, docs/DASHBOARDS.md
 * §Usage rollup): product usage of complete UTC days, per account and day, per product event and
 * day, and the active days of each (account, user) and (account, product event) as bit sets.
 * {@link AccountHealthPass} reads it and adds from the raw events whatever it does not hold, so the
 * rollup only makes the Account Health tiles cheaper, never different.
 *
 * <p>It holds the events of days before its horizon that were recorded ({@code inserted_at})
 * before its watermark. A refresh moves the horizon to the start of the current day and the
 * watermark to now, and rebuilds only the days (and bit-set blocks) that changed: the days it
 * newly covers and the days of events recorded since the last watermark (late events with old
 * timestamps). Run it on the workspace's writer thread: the capture writer stamps
 * {@code inserted_at} there from the same clock, so an event appended after a refresh is stamped at
 * or after its watermark and is read raw until the next refresh.
 *
 * <p>Deleting or rewriting events (business-event retention, removing a group type) must forget
 * the rollup ({@link #forget}): the tiles read raw events until the next refresh rebuilds it.
 */
public final class UsageRollup {

    /** Days per bit-set block: bit i of a block's {@code days} is day block × 32 + i since 1970-01-01. */
    static final int BLOCK_DAYS = 32;

    private static final String[] TABLES = {
        "usage_account_days",
        "usage_event_days",
        "usage_user_blocks",
        "usage_feature_blocks",
        "usage_user_last",
        "usage_feature_last"
    };

    /**
     * How many days back from asOf the Account Health windows start (periods 7, 30, 90; counts over
     * 7, 14, 28; the health window 30): on the horizon day, the days these cut are copied event by
     * event in time order ({@code usage_cut_days}).
     */
    static final List<Integer> WINDOW_DAYS = List.of(7, 14, 28, 30, 90);

    /** DuckDB's TIMESTAMP precision; a finer watermark would be truncated down, which is safe. */
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private UsageRollup() {}

    /** What a store's rollup holds. */
    record State(int groupIndex, LocalDate horizon, LocalDateTime watermark) {}

    static Optional<State> state(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT group_index, horizon, watermark FROM usage_rollup_state")) {
            if (!r.next()) {
                return Optional.empty();
            }
            return Optional.of(
                    new State(r.getInt(1), r.getObject(2, LocalDate.class), r.getObject(3, LocalDateTime.class)));
        }
    }

    /**
     * Brings the rollup up to {@code now}: complete days before now's day, events recorded before
     * now. Call on the workspace's writer connection.
     *
     * @return the days rebuilt (all rolled-up days on a first build)
     */
    public static int refresh(Connection c, Instant now) throws SQLException {
        OptionalInt company = companyIndex(c);
        if (company.isEmpty()) {
            forget(c);
            return 0;
        }
        LocalDateTime watermark = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        LocalDate horizon = watermark.toLocalDate();
        Optional<State> before = state(c);
        int group = company.getAsInt();
        // A clock that went back would leave events recorded between the two watermarks in the
        // rollup and in the readers' tail at once: build again instead.
        boolean rebuild = before.isEmpty()
                || before.get().groupIndex() != group
                || watermark.isBefore(before.get().watermark());
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN TRANSACTION");
            try {
                int days = rebuild
                        ? buildAll(c, group, horizon, watermark)
                        : buildChanged(c, group, before.get(), horizon, watermark);
                // Same horizon, same cut days: only what was recorded since the last refresh is added.
                copyCutDays(
                        c,
                        group,
                        horizon,
                        rebuild
                                ? Optional.empty()
                                : before.filter(b -> b.horizon().equals(horizon)),
                        watermark);
                s.execute("DELETE FROM usage_rollup_state");
                try (PreparedStatement p = c.prepareStatement("INSERT INTO usage_rollup_state VALUES (?, ?, ?)")) {
                    p.setInt(1, group);
                    p.setObject(2, horizon);
                    p.setObject(3, watermark);
                    p.executeUpdate();
                }
                s.execute("COMMIT");
                return days;
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            } finally {
                s.execute("DROP TABLE IF EXISTS usage_rollup_changed_days");
            }
        }
    }

    /**
     * Forgets the rollup: without its state row readers ignore its tables and read raw events, and
     * the next {@link #refresh} rebuilds it. Code that deletes or rewrites events runs the same
     * statement ({@code DELETE FROM usage_rollup_state}) in its own transaction.
     */
    public static void forget(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM usage_rollup_state");
        }
    }

    private static OptionalInt companyIndex(Connection c) throws SQLException {
        Map<Integer, String> types = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT group_type_index, group_type FROM group_types")) {
            while (r.next()) {
                types.put(r.getInt(1), r.getString(2));
            }
        }
        return CompanyGroupType.indexIn(types);
    }

    private static int buildAll(Connection c, int group, LocalDate horizon, LocalDateTime watermark)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("DELETE FROM " + table);
            }
            s.execute(
                    "CREATE OR REPLACE TEMP TABLE usage_rollup_changed_days AS SELECT DISTINCT CAST(timestamp AS DATE)"
                            + " AS day FROM events WHERE " + usage(group) + " AND timestamp < " + literal(horizon)
                            + " AND inserted_at < " + literal(watermark));
        }
        insertDays(c, group, horizon, watermark);
        return changedDays(c);
    }

    private static int buildChanged(Connection c, int group, State before, LocalDate horizon, LocalDateTime watermark)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            // Days newly complete, and days of events recorded since the last refresh (late events).
            s.execute(
                    "CREATE OR REPLACE TEMP TABLE usage_rollup_changed_days AS SELECT DISTINCT CAST(timestamp AS DATE)"
                            + " AS day FROM events WHERE " + usage(group) + " AND timestamp < " + literal(horizon)
                            + " AND inserted_at < " + literal(watermark)
                            + " AND (timestamp >= " + literal(before.horizon()) + " OR inserted_at >= "
                            + literal(before.watermark()) + ")");
            s.execute("DELETE FROM usage_account_days WHERE day IN (SELECT day FROM usage_rollup_changed_days)");
            s.execute("DELETE FROM usage_event_days WHERE day IN (SELECT day FROM usage_rollup_changed_days)");
            for (String table : new String[] {"usage_user_blocks", "usage_feature_blocks"}) {
                s.execute("DELETE FROM " + table + " WHERE block IN (SELECT DISTINCT " + block("day")
                        + " FROM usage_rollup_changed_days)");
            }
        }
        insertDays(c, group, horizon, watermark);
        return changedDays(c);
    }

    /** Rolls up the changed days (and the whole blocks they fall in) from the raw events. */
    private static void insertDays(Connection c, int group, LocalDate horizon, LocalDateTime watermark)
            throws SQLException {
        if (changedDays(c) == 0) {
            return; // a refresh with nothing new: no scan of the events for days that are not there
        }
        String account = account(group);
        String held =
                usage(group) + " AND timestamp < " + literal(horizon) + " AND inserted_at < " + literal(watermark);
        String onChangedDays = held + " AND CAST(timestamp AS DATE) IN (SELECT day FROM usage_rollup_changed_days)";
        String inChangedBlocks = held + " AND " + block("CAST(timestamp AS DATE)") + " IN (SELECT DISTINCT "
                + block("day") + " FROM usage_rollup_changed_days)";
        String bit = "1::BIGINT << CAST(" + dayNumber("CAST(timestamp AS DATE)") + " % " + BLOCK_DAYS + " AS INTEGER)";
        // Stored in key order: the readers group by account and user, and rows of one account
        // next to each other make that grouping several times cheaper than arrival order.
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO usage_account_days SELECT " + account
                    + ", CAST(timestamp AS DATE), count(*), max(timestamp) FROM events WHERE " + onChangedDays
                    + " GROUP BY ALL ORDER BY 1, 2");
            s.execute("INSERT INTO usage_event_days SELECT event, CAST(timestamp AS DATE), count(*) FROM events WHERE "
                    + onChangedDays + " GROUP BY ALL ORDER BY 1, 2");
            s.execute("INSERT INTO usage_user_blocks SELECT " + account + ", distinct_id, "
                    + block("CAST(timestamp AS DATE)") + ", bit_or(" + bit + ") FROM events WHERE " + inChangedBlocks
                    + " GROUP BY ALL ORDER BY 1, 2, 3");
            s.execute("INSERT INTO usage_feature_blocks SELECT " + account + ", event, "
                    + block("CAST(timestamp AS DATE)") + ", bit_or(" + bit + ") FROM events WHERE " + inChangedBlocks
                    + " GROUP BY ALL ORDER BY 1, 2, 3");
        }
        lastSeen(c, "usage_user_last", "distinct_id", account, onChangedDays);
        lastSeen(c, "usage_feature_last", "event", account, onChangedDays);
    }

    /**
     * Brings a last-seen table up to date with the changed days: each pair seen on them keeps the
     * later of its stored time and its latest event there. The changed days hold every event added
     * since the last refresh, and events are only ever added (code that deletes them forgets the
     * rollup), so a pair's last time never moves back.
     */
    private static void lastSeen(Connection c, String table, String column, String account, String onChangedDays)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE usage_rollup_seen AS SELECT " + account + " AS account, " + column
                    + ", max(timestamp) AS last_at FROM events WHERE " + onChangedDays + " GROUP BY ALL");
            s.execute("INSERT INTO usage_rollup_seen SELECT t.account, t." + column + ", t.last_at FROM " + table
                    + " t SEMI JOIN usage_rollup_seen n ON t.account = n.account AND t." + column + " = n." + column);
            s.execute("DELETE FROM " + table + " t USING usage_rollup_seen n WHERE t.account = n.account AND t."
                    + column + " = n." + column);
            // In key order, like the other tables: the readers group by account.
            s.execute("INSERT INTO " + table + " SELECT account, " + column + ", max(last_at) FROM usage_rollup_seen"
                    + " GROUP BY ALL ORDER BY 1, 2");
            s.execute("DROP TABLE usage_rollup_seen");
        }
    }

    /**
     * The days the windows cut as of the horizon day ({@link #cutDays}), event by event in time
     * order, so that a tile reads them by a range of timestamps instead of scanning the events
     * table. A new horizon copies its five days afresh; a refresh on the same horizon appends
     * only the events recorded since {@code since}'s watermark (a refresh that finds nothing new
     * copies nothing, instead of rewriting up to five days of events each time).
     */
    private static void copyCutDays(
            Connection c, int group, LocalDate horizon, Optional<State> since, LocalDateTime watermark)
            throws SQLException {
        List<String> days = new ArrayList<>();
        // The horizon day too: today's events up to the watermark, so that a tile reads only the
        // events recorded since the refresh from the events table.
        Set<LocalDate> copied = new TreeSet<>(cutDays(horizon));
        copied.add(horizon);
        for (LocalDate day : copied) {
            days.add("(timestamp >= " + literal(day.atStartOfDay()) + " AND timestamp < "
                    + literal(day.plusDays(1).atStartOfDay()) + ")");
        }
        String recorded = since.map(b -> "inserted_at >= " + literal(b.watermark()) + " AND ")
                        .orElse("")
                + "inserted_at < " + literal(watermark);
        try (Statement s = c.createStatement()) {
            if (since.isEmpty()) {
                s.execute("DELETE FROM usage_cut_days");
            }
            s.execute("INSERT INTO usage_cut_days SELECT CAST(timestamp AS DATE), " + account(group)
                    + ", distinct_id, event, timestamp FROM events WHERE " + usage(group) + " AND " + recorded
                    + " AND (" + String.join(" OR ", days) + ") ORDER BY timestamp");
        }
    }

    /** The days {@code usage_cut_days} holds for a horizon: the days the windows cut as of a time on it. */
    static Set<LocalDate> cutDays(LocalDate horizon) {
        Set<LocalDate> days = new TreeSet<>();
        WINDOW_DAYS.forEach(back -> days.add(horizon.minusDays(back)));
        return days;
    }

    private static int changedDays(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM usage_rollup_changed_days")) {
            r.next();
            return r.getInt(1);
        }
    }

    // ---- SQL pieces shared with the reader

    static String account(int group) {
        return "\"$group_" + group + '"';
    }

    /** The Account Health tiles' events: product usage with a company account. */
    static String usage(int group) {
        StringBuilder notUsage = new StringBuilder();
        for (String event : TileQueries.NOT_USAGE) {
            notUsage.append(notUsage.isEmpty() ? "" : ", ")
                    .append('\'')
                    .append(event.replace("'", "''"))
                    .append('\'');
        }
        return "event NOT IN (" + notUsage + ") AND coalesce(" + account(group) + ", '') != ''";
    }

    static String dayNumber(String date) {
        return "date_diff('day', DATE '1970-01-01', " + date + ")";
    }

    static String block(String date) {
        return "CAST(" + dayNumber(date) + " // " + BLOCK_DAYS + " AS INTEGER)";
    }

    static String literal(LocalDate day) {
        return "DATE '" + day + "'";
    }

    static String literal(LocalDateTime at) {
        return "TIMESTAMP '" + MICROS.format(at) + "'";
    }
}
