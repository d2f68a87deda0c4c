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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Account Health page's query tiles — all six, or only the stale ones, or the one a request
 * asks for — from the usage rollup ({@link UsageRollup}) plus the raw events it does not hold.
 * Each tile's own query (in {@link TileQueries}, rendered to HogQL for PostHog) counts distinct
 * users, accounts or events over every product event of its window, which made the page slow
 * (docs/PERFORMANCE.md). The windows all end at asOf and start at asOf's time of day (period, 30,
 * 28, 14, 7 days back), weeks on Mondays. Only the windows of the requested tiles are planned
 * ({@link Reads}), so a cold tile costs its own reads, not the page's. Here ({@link Plan}):
 *
 * <ul>
 *   <li>a <em>rolled</em> day (whole, before the rollup's horizon, not cut by the start of a
 *       window that counts distinct users or features) gives its events recorded before the
 *       rollup's watermark through the rollup's day bits and per-event counts; if no window cuts it
 *       either (<em>clean</em>), its per-account counts come from the rollup too, stamped at
 *       midnight, which lies in exactly the windows and week its events lie in;
 *   <li>a rolled day only a 7/14/28-day window cuts has its per-account counts taken event by
 *       event, on each side of the cut;
 *   <li>every other event of the widest window — the days the period or 30-day window cuts, the
 *       days after the horizon (today), and any event recorded at or after the watermark whatever
 *       its timestamp — is the tail ({@code usage_tail}: a view of the raw part, read once into a
 *       temporary table, and the copied cut days), or only counted per account when the tiles need
 *       no distinct sets.
 * </ul>
 *
 * A cut day comes from the rollup's time-ordered copy ({@code usage_cut_days}) when it holds it,
 * otherwise from the events table. Counts add up, maxima and distinct sets unite: the results
 * equal the tiles' queries, for the page and for each tile alone ({@code AccountHealthPassTest},
 * {@code UsageRollupParityTest}). Without a rollup every event is read raw and the pass still
 * answers the same.
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
    /** Set by a computation: the store had no usage rollup at all (the tiles read raw events). */
    private volatile boolean rollupMissing;

    /** Whether the last computation found no usage rollup in the store. */
    boolean rollupMissing() {
        return rollupMissing;
    }

    AccountHealthPass(int company, Instant asOf, int days) {
        this.company = company;
        this.asOf = asOf;
        this.days = days;
    }

    /** Reads the rollup and the tail and answers the given tiles' rows, keyed by tile id (a cold tile costs its own reads, not the page's). */
    Map<String, ResultRows> compute(EmbeddedWarehouse warehouse, long workspaceId, Set<String> tiles) {
        return warehouse.read(workspaceId, c -> compute(c, tiles));
    }

    /** The same on an open connection to a workspace's store. */
    Map<String, ResultRows> compute(Connection c) throws SQLException {
        return compute(c, TILES);
    }

    /** The given tiles (a subset of {@link #TILES}) on an open connection to a workspace's store. */
    Map<String, ResultRows> compute(Connection c, Set<String> tiles) throws SQLException {
        if (tiles.isEmpty() || !TILES.containsAll(tiles)) {
            throw new IllegalArgumentException("Not Account Health query tiles: " + tiles);
        }
        Reads reads = new Reads(tiles, days);
        try (Statement s = c.createStatement()) {
            // One snapshot: the rollup's state, its rows and the tail agree even while it is refreshed.
            s.execute("BEGIN TRANSACTION");
            try {
                Optional<UsageRollup.State> state = UsageRollup.state(c);
                rollupMissing = state.isEmpty();
                Plan plan = new Plan(state.filter(st -> st.groupIndex() == company), reads);
                if (reads.eventByEvent()) {
                    // Plain ranges of timestamp and inserted_at: DuckDB filters them while scanning.
                    // Only the columns these tiles read: the strings are most of a raw read's cost.
                    String columns = "SELECT " + account(company) + " AS account, "
                            + (reads.users() ? "distinct_id" : "NULL::VARCHAR") + " AS distinct_id, "
                            + (reads.features() ? "event" : "NULL::VARCHAR") + " AS event,"
                            + " timestamp AS moment FROM events WHERE " + UsageRollup.usage(company) + " AND ";
                    s.execute("CREATE OR REPLACE TEMP TABLE usage_tail_raw AS " + columns + plan.notRolled()
                            + " UNION ALL " + columns + "inserted_at >= " + literal(plan.watermark) + " AND "
                            + plan.lateRanges(Set.of()));
                    // The copied cut days stay where they are, behind a view: the copy is in time
                    // order, so each reader's range of timestamps costs a few ms, while copying its
                    // strings into the temporary table cost several times that (110,000 rows of
                    // the health window's cut day: 5-8 ms to read, 65-105 ms to store, load 5-6).
                    String tail = "SELECT * FROM usage_tail_raw";
                    if (!plan.copied.isEmpty() || plan.todayCopied) {
                        tail += " UNION ALL SELECT account, " + (reads.users() ? "distinct_id" : "NULL::VARCHAR")
                                + ", " + (reads.features() ? "event" : "NULL::VARCHAR")
                                + ", timestamp FROM usage_cut_days WHERE " + plan.copiedRanges(true);
                    }
                    s.execute("CREATE OR REPLACE TEMP VIEW usage_tail AS " + tail);
                }
                Map<String, ResultRows> answered = tiles(c, plan, reads, tiles);
                answered.keySet().retainAll(tiles);
                return answered;
            } finally {
                s.execute("ROLLBACK");
            }
        }
    }

    /**
     * What the requested tiles read. The windows whose start must be exact per event (distinct
     * users, accounts or features: the period and the health window) make their cut day raw event
     * by event; the windows that only count events (7, 14, 28 days) only have their cut day
     * counted per account on each side of the cut.
     */
    record Reads(
            boolean period,
            boolean trend,
            boolean users,
            boolean features,
            boolean weekOverWeek,
            boolean health,
            Set<Integer> distinctWindows,
            Set<Integer> countWindows) {

        Reads(Set<String> tiles, int days) {
            this(
                    tiles.contains("active_accounts") || tiles.contains("usage_trend"),
                    tiles.contains("usage_trend"),
                    tiles.contains("active_accounts")
                            || tiles.contains("usage_trend")
                            || tiles.contains("health_distribution"),
                    tiles.contains("feature_adoption") || tiles.contains("health_distribution"),
                    tiles.contains("growth_leaders") || tiles.contains("at_risk"),
                    tiles.contains("health_distribution"),
                    windows(tiles, days, true),
                    windows(tiles, days, false));
        }

        private static Set<Integer> windows(Set<String> tiles, int days, boolean distinct) {
            Set<Integer> windows = new TreeSet<>();
            boolean periodTiles = tiles.contains("active_accounts")
                    || tiles.contains("usage_trend")
                    || tiles.contains("feature_adoption");
            boolean health = tiles.contains("health_distribution");
            if (distinct) {
                if (periodTiles) {
                    windows.add(days);
                }
                if (health) {
                    windows.add(HEALTH_DAYS);
                }
            } else {
                if (tiles.contains("growth_leaders") || tiles.contains("at_risk")) {
                    windows.addAll(List.of(7, 14));
                }
                if (health) {
                    windows.addAll(List.of(14, 28));
                }
            }
            return windows;
        }

        /** Whether anything is read event by event (else the raw reads only count). */
        boolean eventByEvent() {
            return !distinctWindows.isEmpty();
        }

        int widest() {
            int widest = 0;
            for (int w : distinctWindows) {
                widest = Math.max(widest, w);
            }
            for (int w : countWindows) {
                widest = Math.max(widest, w);
            }
            return widest;
        }
    }

    /**
     * Which days come from the rollup, and the windows' starts. Every window ends at asOf and
     * starts at the same time of day, so unless asOf is midnight each start cuts a day. A day the
     * period or the health window cuts is read event by event (the tail); a day only a count
     * window cuts (7, 14, 28 days) is whole inside or outside the distinct-count windows, so its
     * day sets come from the rollup and only its per-account counts are taken event by event, on
     * each side of the cut. Cut days the rollup copied are read from the copy.
     */
    private final class Plan {
        final LocalDateTime end = at(asOf);
        final LocalDateTime wideStart;
        final LocalDateTime periodStart = back(days);
        final LocalDateTime healthStart = back(HEALTH_DAYS);
        final LocalDate firstRolled;
        final LocalDate endRolled;
        final Set<LocalDate> distinctCut = new TreeSet<>();
        final Set<LocalDate> countCut = new TreeSet<>();
        /** Cut days the rollup holds event by event ({@code usage_cut_days}): read there, not from events. */
        final Set<LocalDate> copied = new TreeSet<>();

        final LocalDateTime watermark;
        /**
         * Whether a window's distinct users and features before the horizon come from the
         * rollup's last-seen times ({@code usage_user_last}, {@code usage_feature_last}): as of a
         * time on the horizon day every window reaches past the horizon, so a pair was active in
         * its part before the horizon exactly when it was last seen at or after its start.
         */
        final boolean lastSeen;
        /**
         * Whether today's events (the horizon day up to asOf) recorded before the watermark come
         * from the rollup's copy ({@code usage_cut_days} holds the horizon day too): only events
         * recorded since the last refresh are then read from {@code events}.
         */
        final boolean todayCopied;

        Plan(Optional<UsageRollup.State> rollup, Reads reads) {
            wideStart = back(reads.widest());
            LocalDate first = wideStart.toLocalDate();
            firstRolled = wideStart.toLocalTime().equals(LocalTime.MIDNIGHT) ? first : first.plusDays(1);
            LocalDate last = end.toLocalDate(); // days before asOf's day end at or before asOf
            LocalDate horizon = rollup.map(UsageRollup.State::horizon).orElse(firstRolled);
            LocalDate endOfRollup = horizon.isBefore(last) ? horizon : last;
            endRolled = endOfRollup.isBefore(firstRolled) ? firstRolled : endOfRollup;
            watermark = rollup.map(UsageRollup.State::watermark).orElse(end);
            lastSeen = rollup.isPresent() && horizon.equals(last);
            todayCopied = lastSeen;
            if (!end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                for (int k : reads.distinctWindows()) {
                    distinctCut.add(back(k).toLocalDate());
                }
                for (int k : reads.countWindows()) {
                    LocalDate day = back(k).toLocalDate();
                    if (!distinctCut.contains(day) && inRollup(day)) {
                        countCut.add(day);
                    }
                }
                Set<LocalDate> cut = new TreeSet<>(countCut);
                distinctCut.stream().filter(this::inRollup).forEach(cut::add);
                cut.add(first);
                Set<LocalDate> held =
                        rollup.map(st -> UsageRollup.cutDays(st.horizon())).orElse(Set.of());
                cut.stream().filter(held::contains).forEach(copied::add);
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

        /**
         * SQL: the DATE expression is a day whose per-account counts come from the rollup's day
         * rows: a clean day, or a copied day only a count window cuts (its day row is moved to
         * the right side of the cut by {@link #countCutCorrection}).
         */
        String countedByDay(String date) {
            Set<LocalDate> cut = new TreeSet<>(distinctCut);
            cut.addAll(countCutNotCopied());
            return days(date, cut);
        }

        /**
         * Where a copied count-cut day's whole-day row is stamped: at the cut when the part before
         * it is the smaller one (read from the copy and moved back), else at midnight (the part
         * after the cut read and moved forward). Either way only the smaller part is read.
         */
        boolean stampAtCut() {
            return end.toLocalTime().isBefore(LocalTime.NOON);
        }

        /** SQL: a day row's time stamp (see {@link #stampAtCut}). */
        String dayStamp(String date) {
            Set<LocalDate> moved = new TreeSet<>(countCut);
            moved.retainAll(copied);
            if (!stampAtCut() || moved.isEmpty()) {
                return "CAST(" + date + " AS TIMESTAMP)";
            }
            return "CASE WHEN " + date + " IN ("
                    + String.join(", ", moved.stream().map(UsageRollup::literal).toList()) + ") THEN " + date
                    + " + " + timeOfDay() + " ELSE CAST(" + date + " AS TIMESTAMP) END";
        }

        /** SQL on {@code usage_cut_days}: the smaller part of each copied count-cut day. */
        String smallerParts() {
            List<String> ranges = new ArrayList<>();
            for (LocalDate d : countCut) {
                if (copied.contains(d)) {
                    LocalDateTime cut = d.atTime(end.toLocalTime());
                    ranges.add(
                            stampAtCut()
                                    ? range(d.atStartOfDay(), cut)
                                    : range(cut, d.plusDays(1).atStartOfDay()));
                }
            }
            return ranges.isEmpty() ? "FALSE" : "(" + String.join(" OR ", ranges) + ")";
        }

        /** SQL: the TIME of day the windows start at. */
        String timeOfDay() {
            return "TIME '" + end.toLocalTime().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS"))
                    + "'";
        }

        /** SQL on events: the timestamp is in the window but not on a rolled day nor on a copied one. */
        String notRolled() {
            List<String> ranges = new ArrayList<>();
            if (!copied.contains(wideStart.toLocalDate())) {
                ranges.add(range(wideStart, firstRolled.atStartOfDay()));
            }
            distinctCut.stream()
                    .filter(this::inRollup)
                    .filter(d -> !copied.contains(d))
                    .forEach(d ->
                            ranges.add(range(d.atStartOfDay(), d.plusDays(1).atStartOfDay())));
            if (!todayCopied) {
                ranges.add(range(endRolled.atStartOfDay(), end));
            }
            return ranges.isEmpty() ? "FALSE" : "(" + String.join(" OR ", ranges) + ")";
        }

        /**
         * SQL on {@code usage_cut_days} or events: the timestamp is on one of the copied days that
         * are not rolled ({@code perEvent}: the window's first day, days the period or the health
         * window cuts, and today up to asOf when {@link #todayCopied}) or on the rolled ones (days only
         * a count window cuts), within the window.
         */
        String copiedRanges(boolean perEvent) {
            List<String> ranges = new ArrayList<>();
            for (LocalDate d : copied) {
                if (isRolled(d) != perEvent) {
                    LocalDateTime from = d.atStartOfDay().isBefore(wideStart) ? wideStart : d.atStartOfDay();
                    ranges.add(range(from, d.plusDays(1).atStartOfDay()));
                }
            }
            if (perEvent && todayCopied) {
                ranges.add(today());
            }
            return ranges.isEmpty() ? "FALSE" : "(" + String.join(" OR ", ranges) + ")";
        }

        /**
         * SQL on events: where events recorded at or after the watermark are read (the rollup and
         * the copy hold those before it): the rolled days but the given ones, and the copied days.
         */
        String lateRanges(Set<LocalDate> except) {
            return "(" + rolledRanges(except) + " OR " + copiedRanges(true) + ")";
        }

        /** SQL: the timestamp is today (the horizon day), before asOf. */
        String today() {
            return range(endRolled.atStartOfDay(), end);
        }

        /** SQL on events: the timestamp is on a rolled day, not one of the given days. */
        String rolledRanges(Set<LocalDate> except) {
            List<String> ranges = new ArrayList<>();
            LocalDate from = firstRolled;
            Set<LocalDate> skipped = new TreeSet<>(distinctCut);
            skipped.addAll(except);
            for (LocalDate cut : skipped) {
                if (inRollup(cut)) {
                    ranges.add(range(from.atStartOfDay(), cut.atStartOfDay()));
                    from = cut.plusDays(1);
                }
            }
            ranges.add(range(from.atStartOfDay(), endRolled.atStartOfDay()));
            return "(" + String.join(" OR ", ranges) + ")";
        }

        /** SQL on events: the timestamp is on a day only a count window cuts and that is not copied. */
        String countCutRanges() {
            List<String> ranges = countCut.stream()
                    .filter(d -> !copied.contains(d))
                    .map(d -> range(d.atStartOfDay(), d.plusDays(1).atStartOfDay()))
                    .toList();
            return ranges.isEmpty() ? "FALSE" : "(" + String.join(" OR ", ranges) + ")";
        }

        /** The days only a count window cuts and that are not copied (read from events). */
        Set<LocalDate> countCutNotCopied() {
            Set<LocalDate> days = new TreeSet<>(countCut);
            days.removeAll(copied);
            return days;
        }

        private static String range(LocalDateTime from, LocalDateTime to) {
            return "(timestamp >= " + literal(from) + " AND timestamp < " + literal(to) + ")";
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
         * SQL: whether a row of day sets ({@code block}, {@code days}) has a rolled day in the
         * period ({@code "period"}) or in the health window ({@code "health"}). A CASE on the
         * block (a window spans two or three) rather than a join with a table of masks.
         */
        String activeIn(String window, String block, String days) {
            LocalDateTime start = window.equals("health") ? healthStart : periodStart;
            Map<Integer, Long> byBlock = new TreeMap<>();
            for (LocalDate d = firstRolled; d.isBefore(endRolled); d = d.plusDays(1)) {
                if (isRolled(d) && !d.atStartOfDay().isBefore(start)) {
                    long number = d.toEpochDay();
                    byBlock.merge(block(number), 1L << (number % UsageRollup.BLOCK_DAYS), (a, b) -> a | b);
                }
            }
            if (byBlock.isEmpty()) {
                return "FALSE";
            }
            StringBuilder mask = new StringBuilder("CASE ").append(block);
            byBlock.forEach((number, bits) -> mask.append(" WHEN ")
                    .append(number)
                    .append(" THEN ")
                    .append(bits)
                    .append("::BIGINT"));
            return "(" + block + " IN ("
                    + String.join(
                            ", ", byBlock.keySet().stream().map(String::valueOf).toList()) + ") AND (" + days + " & "
                    + mask + " ELSE 0::BIGINT END) != 0)";
        }

        /**
         * SQL: the given columns of the pairs active in the period ({@code "period"}) or the health
         * window ({@code "health"}), a pair at least once: with {@link #lastSeen}, the rollup's pairs
         * last seen at or after its start and the raw tail (today, late events; the copied cut
         * days are covered by the last-seen times); else the rollup's day sets with a rolled day in
         * it and the whole tail.
         */
        String activeRows(String window, String blocks, String lastSeenTable, String columns) {
            String start = literal(window.equals("health") ? healthStart : periodStart);
            return lastSeen
                    ? "SELECT " + columns + " FROM " + lastSeenTable + " WHERE last_at >= " + start
                            + " UNION ALL SELECT " + columns + " FROM usage_tail_raw WHERE moment >= " + start
                            + (todayCopied
                                    ? " UNION ALL SELECT " + columns + " FROM usage_cut_days WHERE " + today()
                                    : "")
                    : "SELECT " + columns + " FROM " + blocks + " WHERE " + activeIn(window, "block", "days")
                            + " UNION ALL SELECT " + columns + " FROM usage_tail WHERE moment >= " + start;
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
    }

    private Map<String, ResultRows> tiles(Connection c, Plan plan, Reads reads, Set<String> wanted)
            throws SQLException {
        String period = literal(plan.periodStart);
        String health = literal(plan.healthStart);
        List<LocalDateTime> weeks = plan.weekStarts();
        sums(c, plan, reads, weeks);
        // Each tile's last step runs in the store too: a few rows come back, not one per account.
        Map<String, ResultRows> tiles = new HashMap<>();
        if (wanted.contains("active_accounts") && !wanted.contains("usage_trend")) {
            // Distinct users of the period: the rollup's day sets with a rolled day in it, and the tail.
            tiles.put(
                    "active_accounts",
                    rows(
                            c,
                            "SELECT (SELECT count(*) FROM usage_sums WHERE period > 0),"
                                    + " (SELECT count(DISTINCT distinct_id) FROM ("
                                    + plan.activeRows("period", "usage_user_blocks", "usage_user_last", "distinct_id")
                                    + "))",
                            "active_accounts",
                            "active_users"));
        }
        if (wanted.contains("usage_trend")) {
            // Distinct users per week: one row per user, its weeks of the period as bits (any bit:
            // active in the period), from the rollup's day sets and the tail.
            StringBuilder sql =
                    new StringBuilder("SELECT (SELECT count(*) FROM usage_sums WHERE period > 0), count(*)");
            for (int i = 0; i < weeks.size(); i++) {
                sql.append(", count(*) FILTER (WHERE weeks & (1::BIGINT << ")
                        .append(i)
                        .append(") != 0), (SELECT CAST(coalesce(sum(week")
                        .append(i)
                        .append("), 0) AS BIGINT) FROM usage_sums), (SELECT count(*) FROM usage_sums WHERE week")
                        .append(i)
                        .append(" > 0)");
            }
            sql.append(" FROM (SELECT distinct_id, bit_or(weeks) AS weeks FROM (SELECT distinct_id, ")
                    .append(plan.rolledWeekBits("block", "days"))
                    .append(" AS weeks FROM usage_user_blocks WHERE ")
                    .append(plan.activeIn("period", "block", "days"))
                    .append(" UNION ALL SELECT distinct_id, ")
                    .append(plan.tailWeekBit("moment"))
                    .append(" FROM usage_tail WHERE moment >= ")
                    .append(period)
                    .append(") GROUP BY distinct_id)");
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(sql.toString())) {
                r.next();
                tiles.put(
                        "active_accounts",
                        new ResultRows(
                                List.of("active_accounts", "active_users"),
                                List.of(List.of(r.getLong(1), r.getLong(2)))));
                List<List<Object>> trend = new ArrayList<>();
                for (int i = 0; i < weeks.size(); i++) {
                    long users = r.getLong(3 + 3 * i);
                    long events = r.getLong(4 + 3 * i);
                    long accounts = r.getLong(5 + 3 * i);
                    if (events > 0) {
                        trend.add(List.of(weeks.get(i), events, accounts, users));
                    }
                }
                tiles.put(
                        "usage_trend",
                        NativeTiles.plain(new ResultRows(List.of("week", "events", "accounts", "users"), trend)));
            }
        }
        for (boolean leaders : new boolean[] {true, false}) {
            String tile = leaders ? "growth_leaders" : "at_risk";
            if (wanted.contains(tile)) {
                // The tile query's order: biggest change first (gain or loss), then the account.
                tiles.put(
                        tile,
                        rows(
                                c,
                                "SELECT account, last7, previous7, last7 - previous7 AS change FROM usage_sums"
                                        + " WHERE last7 + previous7 > 0 AND last7 - previous7 " + (leaders ? ">" : "<")
                                        + " 0 ORDER BY change " + (leaders ? "DESC" : "ASC") + ", account LIMIT 10",
                                "account",
                                "this_week",
                                "last_week",
                                "change"));
            }
        }
        if (wanted.contains("feature_adoption")) {
            // Accounts per feature in the period (the rollup's (account, event) day sets and the
            // tail), and its uses (per-event day counts and the tail), in the tile query's order.
            tiles.put(
                    "feature_adoption",
                    rows(
                            c,
                            "SELECT a.event, a.accounts, coalesce(u.uses, 0) FROM (SELECT event, count(DISTINCT account)"
                                    + " AS accounts FROM ("
                                    + plan.activeRows(
                                            "period", "usage_feature_blocks", "usage_feature_last", "account, event")
                                    + ") GROUP BY event) a LEFT JOIN (SELECT event, CAST(sum(events) AS BIGINT) AS uses"
                                    + " FROM (SELECT event, CAST(day AS TIMESTAMP) AS moment, events FROM usage_event_days"
                                    + " WHERE " + plan.rolled("day")
                                    + " UNION ALL SELECT event, moment, 1 FROM usage_tail) WHERE moment >= " + period
                                    + " GROUP BY event) u ON a.event = u.event"
                                    + " ORDER BY a.accounts DESC, a.event LIMIT 15",
                            "feature",
                            "accounts",
                            "uses"));
        }
        if (wanted.contains("health_distribution")) {
            // The score's inputs per account active in the health window, scored and bucketed in
            // the store (AccountHealth.scoreSql: the Java formula rendered), so five counts come
            // back instead of one row per account.
            String inputs = "SELECT s.last14, s.previous14, coalesce(u.n, 0) AS users,"
                    + " date_diff('day', CAST(s.last_at AS DATE), " + literal(plan.end.toLocalDate()) + ") AS since,"
                    + " coalesce(f.n, 0) AS features FROM usage_sums s"
                    + " LEFT JOIN (" + perAccountDistinct(plan, "usage_user_blocks", "usage_user_last", "distinct_id")
                    + ") u ON s.account = u.account"
                    + " LEFT JOIN (" + perAccountDistinct(plan, "usage_feature_blocks", "usage_feature_last", "event")
                    + ") f ON s.account = f.account WHERE s.health > 0";
            String bucket = AccountHealth.bucketSql(
                    AccountHealth.scoreSql("last14", "previous14", "users", "since", "features"));
            tiles.put(
                    "health_distribution",
                    healthBuckets(c, "SELECT " + bucket + ", count(*) FROM (" + inputs + ") GROUP BY 1"));
        }
        return tiles;
    }

    /** The health distribution's row from (bucket index, accounts) rows: every bucket, 0 where none. */
    private static ResultRows healthBuckets(Connection c, String sql) throws SQLException {
        long[] counts = new long[AccountHealth.BUCKETS.size()];
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                int bucket = r.getInt(1);
                if (r.wasNull()) {
                    throw new IllegalStateException("An account active in the health window without its inputs");
                }
                counts[bucket] = r.getLong(2);
            }
        }
        return AccountHealth.distribution(counts);
    }

    /** SQL per account: the distinct users or features of the health window ({@link Plan#activeRows}). */
    private static String perAccountDistinct(Plan plan, String blocks, String lastSeen, String column) {
        return "SELECT account, count(DISTINCT " + column + ") AS n FROM ("
                + plan.activeRows("health", blocks, lastSeen, "account, " + column) + ") GROUP BY account";
    }

    /** A window the tiles count events in (a column of {@code usage_sums}), as a condition on a time. */
    private record Window(String column, String from, String until) {

        Window(String column, LocalDateTime from) {
            this(column, literal(from), null);
        }

        Window(String column, LocalDateTime from, LocalDateTime until) {
            this(column, literal(from), literal(until));
        }

        String holds(String moment) {
            return moment + " >= " + from + (until == null ? "" : " AND " + moment + " < " + until);
        }
    }

    /**
     * The temporary table {@code usage_sums}: per account, the events in each window the tiles
     * read and the last event of the health window. One aggregation: the rollup's clean days
     * (whole days stamped at midnight, which lies in exactly the windows their events lie in), the
     * tail's events, and the raw events of the days only a count window cuts, each summed per
     * account where it is read and added up per account.
     */
    private void sums(Connection c, Plan plan, Reads reads, List<LocalDateTime> weeks) throws SQLException {
        List<Window> windows = new ArrayList<>();
        if (reads.period()) {
            windows.add(new Window("period", plan.periodStart));
        }
        if (reads.trend()) {
            for (int i = 0; i < weeks.size(); i++) {
                LocalDateTime from = i == 0 ? plan.periodStart : weeks.get(i);
                LocalDateTime to = i + 1 < weeks.size() ? weeks.get(i + 1) : plan.end;
                windows.add(new Window("week" + i, from, to));
            }
        }
        if (reads.weekOverWeek()) {
            windows.add(new Window("last7", back(7)));
            windows.add(new Window("previous7", back(14), back(7)));
        }
        if (reads.health()) {
            windows.add(new Window("last14", back(14)));
            windows.add(new Window("previous14", back(28), back(14)));
            windows.add(new Window("health", plan.healthStart));
        }
        Window health = new Window("health", plan.healthStart);
        List<String> parts = new ArrayList<>();
        parts.add(partial(
                windows,
                health,
                "usage_account_days",
                plan.dayStamp("day"),
                "events",
                "last_at",
                plan.countedByDay("day")));
        String usage = UsageRollup.usage(company) + " AND ";
        // Days only a count window cuts and copied: their day sets come from the rollup, their
        // counts from the copy (every copied event was recorded before the watermark).
        String copiedCounts = countCutCorrection(windows, plan);
        if (reads.eventByEvent()) {
            parts.add(partial(windows, health, "usage_tail", "moment", null, "moment", "TRUE"));
            if (!plan.countCutNotCopied().isEmpty()) {
                // The same from events, recorded before the watermark (the tail has the later ones).
                parts.add(rawPartial(
                        windows,
                        health,
                        usage + plan.countCutRanges() + " AND inserted_at < " + literal(plan.watermark)));
            }
            parts.add(copiedCounts);
        } else {
            // Counts only (growth leaders, at risk): every raw event is counted in the scan that
            // reads it. Days a count window cuts and not copied are read whole (timestamp ranges
            // only, which the scan filters), so the late events are read on the other days only.
            parts.add(
                    rawPartial(windows, health, usage + "(" + plan.notRolled() + " OR " + plan.countCutRanges() + ")"));
            parts.add(copyPartial(windows, health, plan.copiedRanges(true)));
            parts.add(copiedCounts);
            parts.add(rawPartial(
                    windows,
                    health,
                    usage + "inserted_at >= " + literal(plan.watermark) + " AND "
                            + plan.lateRanges(plan.countCutNotCopied())));
        }
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE TEMP TABLE usage_sums AS SELECT account");
        for (int i = 0; i < windows.size(); i++) {
            sql.append(", CAST(coalesce(sum(w")
                    .append(i)
                    .append("), 0) AS BIGINT) AS ")
                    .append(windows.get(i).column());
        }
        sql.append(", max(last_at) AS last_at FROM (")
                .append(String.join(" UNION ALL ", parts))
                .append(") GROUP BY account");
        try (Statement s = c.createStatement()) {
            s.execute(sql.toString());
        }
    }

    /** SQL: per account, the events of each window (columns w0, w1, …) and the last in the health window. */
    private static String partial(
            List<Window> windows,
            Window health,
            String from,
            String moment,
            String events,
            String lastAt,
            String where) {
        StringBuilder sql = new StringBuilder("SELECT account");
        for (int i = 0; i < windows.size(); i++) {
            String condition = windows.get(i).holds(moment);
            sql.append(", ")
                    .append(events == null ? "count(*)" : "sum(" + events + ")")
                    .append(" FILTER (WHERE ")
                    .append(condition)
                    .append(") AS w")
                    .append(i);
        }
        return sql.append(", max(")
                .append(lastAt)
                .append(") FILTER (WHERE ")
                .append(health.holds(moment))
                .append(") AS last_at FROM ")
                .append(from)
                .append(" WHERE ")
                .append(where)
                .append(" GROUP BY account")
                .toString();
    }

    /**
     * SQL: per account and window, the events of the smaller part of each copied count-cut day
     * moved from where their day row is stamped to their own time: +1 where the event lies, -1
     * where its day row put it. With the day row this gives each side of the cut exactly.
     */
    private static String countCutCorrection(List<Window> windows, Plan plan) {
        StringBuilder sql = new StringBuilder("SELECT account");
        String stamp = plan.dayStamp("day");
        for (int i = 0; i < windows.size(); i++) {
            sql.append(", sum(CAST(")
                    .append(windows.get(i).holds("timestamp"))
                    .append(" AS INTEGER) - CAST(")
                    .append(windows.get(i).holds(stamp))
                    .append(" AS INTEGER)) AS w")
                    .append(i);
        }
        return sql.append(", NULL::TIMESTAMP AS last_at FROM usage_cut_days WHERE ")
                .append(plan.smallerParts())
                .append(" GROUP BY account")
                .toString();
    }

    /** The same from the copied cut days matching the condition. */
    private static String copyPartial(List<Window> windows, Window health, String condition) {
        return partial(windows, health, "usage_cut_days", "timestamp", null, "timestamp", condition);
    }

    /** The same straight from the raw events matching the condition. */
    private String rawPartial(List<Window> windows, Window health, String condition) {
        return partial(
                windows,
                health,
                "(SELECT " + account(company) + " AS account, timestamp FROM events WHERE " + condition + ")",
                "timestamp",
                null,
                "timestamp",
                "TRUE");
    }

    /** The query's rows under the tile's column names. */
    private static ResultRows rows(Connection c, String sql, String... columns) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.length; i++) {
                    Object value = r.getObject(i);
                    row.add(value instanceof Number n && !(value instanceof Long) ? n.longValue() : value);
                }
                rows.add(row);
            }
        }
        return new ResultRows(List.of(columns), rows);
    }

    private LocalDateTime back(int daysBack) {
        return at(asOf.minus(daysBack, ChronoUnit.DAYS));
    }

    private static LocalDateTime at(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
