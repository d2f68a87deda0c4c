package dev.beton.dashboards;

import static dev.beton.dashboards.UsageRollup.account;
import static dev.beton.dashboards.UsageRollup.literal;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.query.ResultRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Account Health page's six query tiles from the usage rollup ({@link UsageRollup}) plus the
 * raw events it does not hold. Each tile's own query (in {@link TileQueries}, rendered to HogQL
 * for PostHog) counts distinct users, accounts or events over every product event of its window,
 * which made the page slow (docs/PERFORMANCE.md). The windows all end at asOf and start at asOf's
 * time of day (period, 30, 28, 14, 7 days back), weeks on Mondays. Here ({@link Plan}):
 *
 * <ul>
 *   <li>a <em>rolled</em> day (whole, before the rollup's horizon, not cut by the period's or the
 *       30-day window's start) gives its events recorded before the rollup's watermark through the
 *       rollup's day bits and per-event counts; if no window cuts it either (<em>clean</em>), its
 *       per-account counts come from the rollup too, stamped at midnight, which lies in exactly the
 *       windows and week its events lie in;
 *   <li>a rolled day only a 7/14/28-day window cuts has its per-account counts read raw, on each
 *       side of the cut ({@code usage_tail_counts});
 *   <li>every other event of the widest window — the days the period or 30-day window cuts, the
 *       days after the horizon (today), and any event recorded at or after the watermark whatever
 *       its timestamp — is read raw into a temporary table ({@code usage_tail}).
 * </ul>
 *
 * Counts add up, maxima and distinct sets unite: the results equal the tiles' queries
 * ({@code AccountHealthPassTest}, {@code UsageRollupParityTest}). Without a rollup every event is
 * in the tail and the pass still answers the same.
 */
final class AccountHealthPass {

    /** The tiles this pass answers: all six query tiles of the page. */
    static final Set<String> TILES = Set.of(
            "active_accounts", "usage_trend", "growth_leaders", "at_risk", "feature_adoption", "health_distribution");

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

    /** Reads the rollup and the tail and answers each tile's rows, keyed by tile id. */
    Map<String, ResultRows> compute(EmbeddedWarehouse warehouse, long workspaceId) {
        return warehouse.read(workspaceId, this::compute);
    }

    /** The same on an open connection to a workspace's store. */
    Map<String, ResultRows> compute(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // One snapshot: the rollup's state, its rows and the tail agree even while it is refreshed.
            s.execute("BEGIN TRANSACTION");
            try {
                Plan plan = new Plan(UsageRollup.state(c).filter(st -> st.groupIndex() == company));
                // Plain ranges of timestamp and inserted_at: DuckDB filters them while scanning.
                String columns = "SELECT " + account(company)
                        + " AS account, distinct_id, event, timestamp AS moment FROM events WHERE "
                        + UsageRollup.usage(company) + " AND ";
                String tail = columns + plan.notRolled();
                if (plan.firstRolled.isBefore(plan.endRolled)) {
                    tail += " UNION ALL " + columns + "inserted_at >= " + literal(plan.watermark) + " AND "
                            + plan.rolledRanges();
                }
                s.execute("CREATE OR REPLACE TEMP TABLE usage_tail AS " + tail);
                // Days a count window cuts (7, 14, 28 days): their events per account on each side of the cut.
                s.execute("CREATE OR REPLACE TEMP TABLE usage_tail_counts AS SELECT " + account(company)
                        + " AS account, " + plan.slot() + " AS moment, count(*) AS events, max(timestamp) AS last_at"
                        + " FROM events WHERE " + UsageRollup.usage(company) + " AND " + plan.countCutRanges()
                        + " AND inserted_at < " + literal(plan.watermark) + " GROUP BY ALL");
                return tiles(c, plan);
            } finally {
                s.execute("ROLLBACK");
            }
        }
    }

    /**
     * Which days come from the rollup, and the windows' starts. Every window ends at asOf and
     * starts at the same time of day, so unless asOf is midnight each start cuts a day. A day the
     * period or the health window cuts is read raw (the tail); a day only a count window cuts (7,
     * 14, 28 days) is whole inside or outside the distinct-count windows, so its day sets come
     * from the rollup and only its per-account counts are read raw, on each side of the cut.
     */
    private final class Plan {
        final LocalDateTime end = at(asOf);
        final LocalDateTime wideStart = back(Math.max(days, HEALTH_DAYS));
        final LocalDateTime periodStart = back(days);
        final LocalDateTime healthStart = back(HEALTH_DAYS);
        final LocalDate firstRolled;
        final LocalDate endRolled;
        final Set<LocalDate> distinctCut = new TreeSet<>();
        final Set<LocalDate> countCut = new TreeSet<>();
        final LocalDateTime watermark;

        Plan(Optional<UsageRollup.State> rollup) {
            LocalDate first = wideStart.toLocalDate();
            firstRolled = wideStart.toLocalTime().equals(LocalTime.MIDNIGHT) ? first : first.plusDays(1);
            LocalDate last = end.toLocalDate(); // days before asOf's day end at or before asOf
            LocalDate horizon = rollup.map(UsageRollup.State::horizon).orElse(firstRolled);
            LocalDate endOfRollup = horizon.isBefore(last) ? horizon : last;
            endRolled = endOfRollup.isBefore(firstRolled) ? firstRolled : endOfRollup;
            watermark = rollup.map(UsageRollup.State::watermark).orElse(end);
            if (!end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                distinctCut.add(back(days).toLocalDate());
                distinctCut.add(back(HEALTH_DAYS).toLocalDate());
                for (int k : new int[] {28, 14, 7}) {
                    LocalDate day = back(k).toLocalDate();
                    if (!distinctCut.contains(day) && inRollup(day)) {
                        countCut.add(day);
                    }
                }
            }
        }

        private boolean inRollup(LocalDate day) {
            return !day.isBefore(firstRolled) && day.isBefore(endRolled);
        }

        /** The day's events recorded before the watermark are in the rollup's day sets and feature uses. */
        boolean isRolled(LocalDate day) {
            return inRollup(day) && !distinctCut.contains(day);
        }

        /** SQL: the DATE expression is a rolled day. */
        String rolled(String date) {
            return days(date, distinctCut);
        }

        /** SQL: the DATE expression is a rolled day no window cuts (its per-account counts come from the rollup). */
        String clean(String date) {
            Set<LocalDate> cut = new TreeSet<>(distinctCut);
            cut.addAll(countCut);
            return days(date, cut);
        }

        /** SQL on events: the timestamp is in the window but not on a rolled day. */
        String notRolled() {
            List<String> ranges = new ArrayList<>();
            ranges.add(range(wideStart, firstRolled.atStartOfDay()));
            distinctCut.stream()
                    .filter(this::inRollup)
                    .forEach(d ->
                            ranges.add(range(d.atStartOfDay(), d.plusDays(1).atStartOfDay())));
            ranges.add(range(endRolled.atStartOfDay(), end));
            return "(" + String.join(" OR ", ranges) + ")";
        }

        /** SQL on events: the timestamp is on a rolled day. */
        String rolledRanges() {
            List<String> ranges = new ArrayList<>();
            LocalDate from = firstRolled;
            for (LocalDate cut : distinctCut) {
                if (inRollup(cut)) {
                    ranges.add(range(from.atStartOfDay(), cut.atStartOfDay()));
                    from = cut.plusDays(1);
                }
            }
            ranges.add(range(from.atStartOfDay(), endRolled.atStartOfDay()));
            return "(" + String.join(" OR ", ranges) + ")";
        }

        /** SQL on events: the timestamp is on a day only a count window cuts. */
        String countCutRanges() {
            if (countCut.isEmpty()) {
                return "FALSE";
            }
            return "("
                    + String.join(
                            " OR ",
                            countCut.stream()
                                    .map(d -> range(
                                            d.atStartOfDay(), d.plusDays(1).atStartOfDay()))
                                    .toList())
                    + ")";
        }

        private static String range(LocalDateTime from, LocalDateTime to) {
            return "(timestamp >= " + literal(from) + " AND timestamp < " + literal(to) + ")";
        }

        /**
         * SQL: the event's time rounded down to the start of its day or to the windows' time of
         * day on it, whichever is later; inside a day no other window or week boundary falls, so
         * the rounded time lies in the same windows and week as the event.
         */
        String slot() {
            String tod = "TIME '"
                    + end.toLocalTime().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS")) + "'";
            return "CASE WHEN CAST(timestamp AS TIME) >= " + tod + " THEN CAST(timestamp AS DATE) + " + tod
                    + " ELSE CAST(CAST(timestamp AS DATE) AS TIMESTAMP) END";
        }

        private String days(String date, Set<LocalDate> except) {
            if (!firstRolled.isBefore(endRolled)) {
                return "FALSE";
            }
            StringBuilder sql = new StringBuilder(
                    "(" + date + " >= " + literal(firstRolled) + " AND " + date + " < " + literal(endRolled));
            if (!except.isEmpty()) {
                sql.append(" AND ").append(date).append(" NOT IN (");
                sql.append(String.join(
                        ", ", except.stream().map(UsageRollup::literal).toList()));
                sql.append(')');
            }
            return sql.append(')').toString();
        }

        /**
         * Per bit-set block: the rolled days in the period and in the health window, as a VALUES
         * table {@code masks(block, period, health)}.
         */
        String masks() {
            Map<Integer, long[]> byBlock = new TreeMap<>();
            for (LocalDate d = firstRolled; d.isBefore(endRolled); d = d.plusDays(1)) {
                if (!isRolled(d)) {
                    continue;
                }
                long number = d.toEpochDay();
                long[] mask = byBlock.computeIfAbsent(block(number), b -> new long[2]);
                long bit = 1L << (number % UsageRollup.BLOCK_DAYS);
                if (!d.atStartOfDay().isBefore(periodStart)) {
                    mask[0] |= bit;
                }
                if (!d.atStartOfDay().isBefore(healthStart)) {
                    mask[1] |= bit;
                }
            }
            List<String> rows = new ArrayList<>();
            byBlock.forEach(
                    (block, mask) -> rows.add("(" + block + ", " + mask[0] + "::BIGINT, " + mask[1] + "::BIGINT)"));
            return values("masks(block, period, health)", rows, "NULL::INTEGER, 0::BIGINT, 0::BIGINT");
        }

        /** The Mondays of the weeks the period touches (the usage trend's rows, at most 14). */
        List<LocalDateTime> weekStarts() {
            List<LocalDateTime> weeks = new ArrayList<>();
            LocalDate last = end.minusNanos(1000).toLocalDate();
            for (LocalDate w = monday(periodStart.toLocalDate()); !w.isAfter(last); w = w.plusWeeks(1)) {
                weeks.add(w.atStartOfDay());
            }
            return weeks;
        }

        /**
         * SQL: for a row of day sets, bit i set when its user was active on a rolled day of the
         * period in week i of {@link #weekStarts}.
         */
        String rolledWeekBits(String block, String days) {
            Map<String, Long> byBlockAndWeek = new TreeMap<>();
            LocalDate firstWeek = monday(periodStart.toLocalDate());
            for (LocalDate d = firstRolled; d.isBefore(endRolled); d = d.plusDays(1)) {
                if (!isRolled(d) || d.atStartOfDay().isBefore(periodStart)) {
                    continue;
                }
                long number = d.toEpochDay();
                long week = ChronoUnit.WEEKS.between(firstWeek, monday(d));
                byBlockAndWeek.merge(
                        block(number) + ":" + week, 1L << (number % UsageRollup.BLOCK_DAYS), (a, b) -> a | b);
            }
            if (byBlockAndWeek.isEmpty()) {
                return "0::BIGINT";
            }
            List<String> terms = new ArrayList<>();
            byBlockAndWeek.forEach((key, mask) -> {
                String[] parts = key.split(":");
                terms.add("CASE WHEN " + block + " = " + parts[0] + " AND (" + days + " & " + mask + "::BIGINT) != 0"
                        + " THEN 1::BIGINT << " + parts[1] + " ELSE 0::BIGINT END");
            });
            return "(" + String.join(" | ", terms) + ")";
        }

        /** SQL: for a raw event's time, the bit of its week of {@link #weekStarts} when in the period. */
        String tailWeekBit(String moment) {
            return "CASE WHEN " + moment + " >= " + literal(periodStart) + " THEN 1::BIGINT << CAST(date_diff('day', "
                    + literal(monday(periodStart.toLocalDate())) + ", CAST(" + moment + " AS DATE)) // 7 AS INTEGER)"
                    + " ELSE 0::BIGINT END";
        }

        private static LocalDate monday(LocalDate day) {
            return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        private static int block(long dayNumber) {
            return (int) Math.floorDiv(dayNumber, UsageRollup.BLOCK_DAYS);
        }

        private static String values(String name, List<String> rows, String emptyRow) {
            if (rows.isEmpty()) {
                return name + " AS (SELECT " + emptyRow + " WHERE FALSE)";
            }
            return name + " AS (VALUES " + String.join(", ", rows) + ")";
        }
    }

    private Map<String, ResultRows> tiles(Connection c, Plan plan) throws SQLException {
        String period = literal(plan.periodStart);
        String health = literal(plan.healthStart);
        // Events per account: the rollup's clean days (stamped at midnight) and the tail's events.
        String accountUnits =
                "(SELECT account, CAST(day AS TIMESTAMP) AS moment, events, last_at FROM usage_account_days" + " WHERE "
                        + plan.clean("day")
                        + " UNION ALL SELECT account, moment, events, last_at FROM usage_tail_counts"
                        + " UNION ALL SELECT account, moment, 1, moment FROM usage_tail)";
        Map<String, long[]> perAccount = new TreeMap<>();
        Map<String, LocalDateTime> lastInHealth = new HashMap<>();
        List<LocalDateTime> weeks = plan.weekStarts();
        StringBuilder perWeek = new StringBuilder();
        for (int i = 0; i < weeks.size(); i++) {
            LocalDateTime from = i == 0 ? plan.periodStart : weeks.get(i);
            LocalDateTime to = i + 1 < weeks.size() ? weeks.get(i + 1) : plan.end;
            perWeek.append(", ").append(sum("moment >= " + literal(from) + " AND moment < " + literal(to)));
        }
        String sums = "SELECT account, " + sum("moment >= " + period) + ", " + sum("moment >= " + literal(back(7)))
                + ", " + sum("moment >= " + literal(back(14)) + " AND moment < " + literal(back(7))) + ", "
                + sum("moment >= " + literal(back(14))) + ", "
                + sum("moment >= " + literal(back(28)) + " AND moment < " + literal(back(14))) + ", "
                + sum("moment >= " + health) + ", max(last_at) FILTER (WHERE moment >= " + health + ")" + perWeek
                + " FROM " + accountUnits + " GROUP BY account";
        long[] weekEvents = new long[weeks.size()];
        long[] weekAccounts = new long[weeks.size()];
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sums)) {
            while (r.next()) {
                long[] counts = new long[6];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = r.getLong(i + 2);
                }
                perAccount.put(r.getString(1), counts);
                LocalDateTime last = r.getObject(8, LocalDateTime.class);
                if (last != null) {
                    lastInHealth.put(r.getString(1), last);
                }
                for (int i = 0; i < weeks.size(); i++) {
                    long events = r.getLong(9 + i);
                    weekEvents[i] += events;
                    weekAccounts[i] += events > 0 ? 1 : 0;
                }
            }
        }
        // Distinct users: the rollup's day sets ANDed with each window's rolled days, and the tail,
        // summed up once per (account, user): in the period, in the health window, weeks active.
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE usage_users AS WITH " + plan.masks()
                    + ", units AS (SELECT u.account, u.distinct_id, (u.days & masks.period) != 0 AS in_period,"
                    + " (u.days & masks.health) != 0 AS in_health, " + plan.rolledWeekBits("u.block", "u.days")
                    + " AS weeks FROM usage_user_blocks u JOIN masks ON u.block = masks.block"
                    + " UNION ALL SELECT account, distinct_id, moment >= " + period + ", moment >= " + health + ", "
                    + plan.tailWeekBit("moment") + " FROM usage_tail)"
                    + " SELECT account, distinct_id, bool_or(in_period) AS in_period, bool_or(in_health) AS in_health,"
                    + " bit_or(weeks) AS weeks FROM units GROUP BY ALL");
        }
        Map<String, Long> healthUsers =
                longs(c, "SELECT account, count(*) FILTER (WHERE in_health) FROM usage_users GROUP BY account");
        long periodUsers;
        long[] weekUsers = new long[weeks.size()];
        StringBuilder perPerson = new StringBuilder("SELECT count(*) FILTER (WHERE in_period)");
        for (int i = 0; i < weeks.size(); i++) {
            perPerson
                    .append(", count(*) FILTER (WHERE weeks & (1::BIGINT << ")
                    .append(i)
                    .append(") != 0)");
        }
        perPerson
                .append(" FROM (SELECT distinct_id, bool_or(in_period) AS in_period, bit_or(weeks) AS weeks")
                .append(" FROM usage_users GROUP BY distinct_id)");
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(perPerson.toString())) {
            r.next();
            periodUsers = r.getLong(1);
            for (int i = 0; i < weeks.size(); i++) {
                weekUsers[i] = r.getLong(2 + i);
            }
        }
        // Features the same way, once per (account, product event).
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE usage_features AS WITH " + plan.masks()
                    + ", units AS (SELECT f.account, f.event, (f.days & masks.period) != 0 AS in_period,"
                    + " (f.days & masks.health) != 0 AS in_health"
                    + " FROM usage_feature_blocks f JOIN masks ON f.block = masks.block"
                    + " UNION ALL SELECT account, event, moment >= " + period + ", moment >= " + health
                    + " FROM usage_tail)"
                    + " SELECT account, event, bool_or(in_period) AS in_period, bool_or(in_health) AS in_health"
                    + " FROM units GROUP BY ALL");
        }
        Map<String, Long> featureAccounts =
                longs(c, "SELECT event, count(*) FILTER (WHERE in_period) FROM usage_features GROUP BY event");
        Map<String, Long> healthFeatures =
                longs(c, "SELECT account, count(*) FILTER (WHERE in_health) FROM usage_features GROUP BY account");
        Map<String, Long> featureUses = longs(
                c,
                "SELECT event, CAST(sum(events) AS BIGINT) FROM (SELECT event, CAST(day AS TIMESTAMP) AS moment, events"
                        + " FROM usage_event_days WHERE " + plan.rolled("day")
                        + " UNION ALL SELECT event, moment, 1 FROM usage_tail) WHERE moment >= " + period
                        + " GROUP BY event");

        Map<String, ResultRows> tiles = new HashMap<>();
        long activeAccounts = perAccount.values().stream().filter(v -> v[0] > 0).count();
        tiles.put(
                "active_accounts",
                new ResultRows(
                        List.of("active_accounts", "active_users"), List.of(List.of(activeAccounts, periodUsers))));
        List<List<Object>> trend = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            if (weekEvents[i] > 0) {
                trend.add(List.of(weeks.get(i), weekEvents[i], weekAccounts[i], weekUsers[i]));
            }
        }
        tiles.put(
                "usage_trend",
                NativeTiles.plain(new ResultRows(List.of("week", "events", "accounts", "users"), trend)));
        Map<String, long[]> lastTwoWeeks = new HashMap<>();
        perAccount.forEach((account, v) -> lastTwoWeeks.put(account, new long[] {v[1], v[2]}));
        tiles.put("growth_leaders", weekOverWeek(lastTwoWeeks, true));
        tiles.put("at_risk", weekOverWeek(lastTwoWeeks, false));
        tiles.put("feature_adoption", featureAdoption(featureAccounts, featureUses));
        List<List<Object>> inputs = new ArrayList<>();
        LocalDate today = plan.end.toLocalDate();
        perAccount.forEach((account, v) -> {
            if (v[5] > 0) {
                inputs.add(List.of(
                        account,
                        v[3],
                        v[4],
                        healthUsers.getOrDefault(account, 0L),
                        // date_diff('day', …): calendar days between the dates, as the tile's query counts
                        ChronoUnit.DAYS.between(lastInHealth.get(account).toLocalDate(), today),
                        healthFeatures.getOrDefault(account, 0L)));
            }
        });
        tiles.put(
                "health_distribution",
                NativeTiles.healthBuckets(new ResultRows(
                        List.of(
                                "account",
                                "events_last_14_days",
                                "events_previous_14_days",
                                "active_users",
                                "days_since_last_event",
                                "features_used"),
                        inputs)));
        return tiles;
    }

    private static String sum(String condition) {
        return "CAST(coalesce(sum(events) FILTER (WHERE " + condition + "), 0) AS BIGINT)";
    }

    private static Map<String, Long> longs(Connection c, String sql) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.put(r.getString(1), r.getLong(2));
            }
        }
        return out;
    }

    private LocalDateTime back(int daysBack) {
        return at(asOf.minus(daysBack, ChronoUnit.DAYS));
    }

    private static LocalDateTime at(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
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

    private static ResultRows featureAdoption(Map<String, Long> accounts, Map<String, Long> uses) {
        List<List<Object>> out = accounts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .limit(15)
                .map(e -> List.<Object>of(e.getKey(), e.getValue(), uses.getOrDefault(e.getKey(), 0L)))
                .toList();
        return new ResultRows(List.of("feature", "accounts", "uses"), out);
    }
}
