package dev.beton.dashboards;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.query.ResultRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Five of the Account Health page's six query tiles from two scans instead of five. Each tile's own query
 * (in {@link TileQueries}, rendered to HogQL for PostHog) counts distinct users, accounts or
 * events over the same product events, and those distinct counts were what made the page slow
 * (docs/PERFORMANCE.md). Here the events are rolled up once per (account, user) and once
 * per (account, event), with the counts of every window the tiles use as {@code FILTER}
 * aggregates; each tile is then a small fold over the rollups in Java. The results equal the
 * tiles' queries ({@code AccountHealthPassTest} compares them).
 */
final class AccountHealthPass {

    /**
     * The tiles this pass answers. {@code usage_trend} (per week) runs its own query: a week in
     * the rollup's key made it five times larger, and slower than the tile's query at 10 M events.
     */
    static final Set<String> TILES =
            Set.of("active_accounts", "growth_leaders", "at_risk", "feature_adoption", "health_distribution");

    private static final String NOT_USAGE = "?, ?, ?, ?";
    /** The health score's window (docs/DASHBOARDS.md §2), whatever the page's period. */
    private static final int HEALTH_DAYS = 30;

    private final int company;
    private final Instant asOf;
    private final int days;

    AccountHealthPass(int company, Instant asOf, int days) {
        this.company = company;
        this.asOf = asOf;
        this.days = days;
    }

    /** One row per (account, user) of the widest window, with its per-window counts. */
    private record AccountUser(
            String account,
            String user,
            long period,
            long last7,
            long previous7,
            long last14,
            long previous14,
            long health,
            LocalDateTime lastInHealth) {}

    /** One row per (account, event) of the widest window. */
    private record AccountEvent(String account, String event, long period, long health) {}

    /** Reads both rollups and answers each tile's rows, keyed by tile id. */
    Map<String, ResultRows> compute(EmbeddedWarehouse warehouse, long workspaceId) {
        return warehouse.read(workspaceId, this::compute);
    }

    /** The same on an open connection to a workspace's store. */
    Map<String, ResultRows> compute(Connection c) throws SQLException {
        return tiles(accountUsers(c), accountEvents(c));
    }

    private List<AccountUser> accountUsers(Connection c) throws SQLException {
        String account = "\"$group_" + company + '"';
        String sql = "SELECT " + account + ", distinct_id,"
                + " count(*) FILTER (WHERE timestamp >= ?),"
                + " count(*) FILTER (WHERE timestamp >= ?),"
                + " count(*) FILTER (WHERE timestamp >= ? AND timestamp < ?),"
                + " count(*) FILTER (WHERE timestamp >= ?),"
                + " count(*) FILTER (WHERE timestamp >= ? AND timestamp < ?),"
                + " count(*) FILTER (WHERE timestamp >= ?),"
                + " max(timestamp) FILTER (WHERE timestamp >= ?)"
                + " FROM events WHERE " + where(account)
                + " GROUP BY ALL";
        List<AccountUser> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setObject(i++, back(days));
            s.setObject(i++, back(7));
            s.setObject(i++, back(14));
            s.setObject(i++, back(7));
            s.setObject(i++, back(14));
            s.setObject(i++, back(28));
            s.setObject(i++, back(14));
            s.setObject(i++, back(HEALTH_DAYS));
            s.setObject(i++, back(HEALTH_DAYS));
            bindWhere(s, i);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new AccountUser(
                            r.getString(1),
                            r.getString(2),
                            r.getLong(3),
                            r.getLong(4),
                            r.getLong(5),
                            r.getLong(6),
                            r.getLong(7),
                            r.getLong(8),
                            r.getObject(9, LocalDateTime.class)));
                }
            }
        }
        return rows;
    }

    private List<AccountEvent> accountEvents(Connection c) throws SQLException {
        String account = "\"$group_" + company + '"';
        String sql = "SELECT " + account + ", event,"
                + " count(*) FILTER (WHERE timestamp >= ?),"
                + " count(*) FILTER (WHERE timestamp >= ?)"
                + " FROM events WHERE " + where(account)
                + " GROUP BY ALL";
        List<AccountEvent> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, back(days));
            s.setObject(2, back(HEALTH_DAYS));
            bindWhere(s, 3);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new AccountEvent(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4)));
                }
            }
        }
        return rows;
    }

    private static String where(String account) {
        return "event NOT IN (" + NOT_USAGE + ") AND timestamp >= ? AND timestamp < ?" + " AND coalesce(" + account
                + ", '') != ''";
    }

    private void bindWhere(PreparedStatement s, int first) throws SQLException {
        int i = first;
        for (String event : TileQueries.NOT_USAGE) {
            s.setObject(i++, event);
        }
        // The widest window any tile reads: the period, the health score's 30 days, and 2 × 14.
        s.setObject(i++, back(Math.max(days, HEALTH_DAYS)));
        s.setObject(i, at(asOf));
    }

    private LocalDateTime back(int daysBack) {
        return at(asOf.minus(daysBack, ChronoUnit.DAYS));
    }

    private static LocalDateTime at(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private Map<String, ResultRows> tiles(List<AccountUser> accountUsers, List<AccountEvent> accountEvents) {
        Map<String, ResultRows> tiles = new HashMap<>();
        tiles.put("active_accounts", activeAccounts(accountUsers));
        Map<String, long[]> weeks = perAccount(accountUsers, w -> new long[] {w.last7(), w.previous7()});
        tiles.put("growth_leaders", weekOverWeek(weeks, true));
        tiles.put("at_risk", weekOverWeek(weeks, false));
        tiles.put("feature_adoption", featureAdoption(accountEvents));
        tiles.put("health_distribution", NativeTiles.healthBuckets(healthInputs(accountUsers, accountEvents)));
        return tiles;
    }

    private static ResultRows activeAccounts(List<AccountUser> rows) {
        Set<String> accounts = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (AccountUser w : rows) {
            if (w.period() > 0) {
                accounts.add(w.account());
                users.add(w.user());
            }
        }
        return new ResultRows(List.of("active_accounts", "active_users"), List.of(List.of((long) accounts.size(), (long)
                users.size())));
    }

    private static Map<String, long[]> perAccount(
            List<AccountUser> rows, java.util.function.Function<AccountUser, long[]> counts) {
        Map<String, long[]> sums = new HashMap<>();
        for (AccountUser w : rows) {
            long[] add = counts.apply(w);
            long[] sum = sums.computeIfAbsent(w.account(), k -> new long[add.length]);
            for (int i = 0; i < add.length; i++) {
                sum[i] += add[i];
            }
        }
        return sums;
    }

    /** Growth leaders (change > 0, biggest first) or at-risk accounts (change < 0, biggest loss first). */
    private static ResultRows weekOverWeek(Map<String, long[]> weeks, boolean leaders) {
        Comparator<Map.Entry<String, long[]>> byChange =
                Comparator.comparingLong(e -> e.getValue()[0] - e.getValue()[1]);
        Comparator<Map.Entry<String, long[]>> order =
                (leaders ? byChange.reversed() : byChange).thenComparing(Map.Entry::getKey);
        List<List<Object>> out = weeks.entrySet().stream()
                .filter(e -> e.getValue()[0] + e.getValue()[1] > 0)
                .filter(e -> leaders ? e.getValue()[0] - e.getValue()[1] > 0 : e.getValue()[0] - e.getValue()[1] < 0)
                .sorted(order)
                .limit(10)
                .map(e -> List.<Object>of(
                        e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[0] - e.getValue()[1]))
                .toList();
        return new ResultRows(List.of("account", "this_week", "last_week", "change"), out);
    }

    private static ResultRows featureAdoption(List<AccountEvent> rows) {
        Map<String, long[]> perEvent = new HashMap<>();
        for (AccountEvent e : rows) {
            if (e.period() > 0) {
                long[] sum = perEvent.computeIfAbsent(e.event(), k -> new long[2]);
                sum[0]++;
                sum[1] += e.period();
            }
        }
        List<List<Object>> out = perEvent.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(15)
                .map(e -> List.<Object>of(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
        return new ResultRows(List.of("feature", "accounts", "uses"), out);
    }

    /** The health tile's per-account inputs, as its query answers them. */
    private ResultRows healthInputs(List<AccountUser> accountUsers, List<AccountEvent> accountEvents) {
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, LocalDateTime> last = new HashMap<>();
        Map<String, Set<String>> users = new HashMap<>();
        for (AccountUser w : accountUsers) {
            if (w.health() == 0) {
                continue;
            }
            long[] sum = sums.computeIfAbsent(w.account(), k -> new long[2]);
            sum[0] += w.last14();
            sum[1] += w.previous14();
            users.computeIfAbsent(w.account(), k -> new HashSet<>()).add(w.user());
            last.merge(w.account(), w.lastInHealth(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Map<String, Long> features = new HashMap<>();
        for (AccountEvent e : accountEvents) {
            if (e.health() > 0) {
                features.merge(e.account(), 1L, Long::sum);
            }
        }
        List<String> columns = List.of(
                "account",
                "events_last_14_days",
                "events_previous_14_days",
                "active_users",
                "days_since_last_event",
                "features_used");
        List<List<Object>> out = new ArrayList<>();
        LocalDateTime now = at(asOf);
        sums.forEach((account, sum) -> out.add(List.of(
                account,
                sum[0],
                sum[1],
                (long) users.get(account).size(),
                // date_diff('day', …): calendar days between the dates, as the tile's query counts
                ChronoUnit.DAYS.between(last.get(account).toLocalDate(), now.toLocalDate()),
                features.getOrDefault(account, 0L))));
        return new ResultRows(columns, out);
    }
}
