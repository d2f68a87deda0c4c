package dev.beton.backtest;

import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.signals.EventMapping;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rows every signal query would have returned on each replayed day, computed in one scan per
 * signal instead of one query per signal and day (issue 19 §6).
 *
 * <p>Why this is exact: every window of every signal is {@code [asOf - a, asOf - b)} for a few
 * fixed durations. The instants {@code day - a} for all replayed days and all those durations cut
 * time into buckets, and each window of each day is a run of whole buckets. One scan per signal
 * aggregates events per (account, key, bucket) — counts, first and last timestamp, least distinct
 * id — and each day's window is then summed from those buckets. The rows have the columns, types,
 * order and row limit of the production query, so the production evaluation, cooldown and scorer
 * read them unchanged ({@code ReplayWindowsParityTest} compares with the day-by-day replay).
 * Recorded group properties ({@code $groupidentify} before asOf) are read once, sorted by time, and
 * looked up per day.
 */
final class ReplayWindows {

    /** Production's per-query row limit ({@code AccountQueries.ROW_LIMIT}). */
    static final int ROW_LIMIT = 50_000;

    private static final Duration WEEK = Duration.ofDays(7);
    private static final String GROUP_IDENTIFY = "$groupidentify";
    private static final String COMPANY = "company";

    private final SignalSettings settings;
    private final int group;
    private final QueryRunner runner;
    private final List<Instant> days;
    private final List<Instant> bounds;
    private final boolean uniform;

    ReplayWindows(SignalSettings settings, int companyGroupIndex, QueryRunner runner, List<Instant> days) {
        this.settings = settings;
        this.group = companyGroupIndex;
        this.runner = runner;
        this.days = List.copyOf(days);
        TreeSet<Instant> cuts = new TreeSet<>();
        for (Instant day : days) {
            for (Duration offset : offsets()) {
                cuts.add(day.minus(offset));
            }
        }
        this.bounds = List.copyOf(cuts);
        boolean everyDay = true;
        for (int i = 0; i < bounds.size() && everyDay; i++) {
            everyDay = bounds.get(i).equals(bounds.getFirst().plus(Duration.ofDays(i)));
        }
        this.uniform = everyDay;
    }

    /**
     * Per enabled signal type, one result per replayed day (in the order of the days). The scans
     * run here; each day's rows are computed when that day is read.
     */
    Map<SignalType, List<ResultRows>> rows(Collection<SignalType> enabled) {
        Map<SignalType, List<ResultRows>> rows = new TreeMap<>();
        Map<String, GroupNow> groupsNow = enabled.stream()
                        .anyMatch(t -> t.equals(SignalType.LIMIT_APPROACHING) || t.equals(SignalType.TRIAL_EXPIRING))
                ? groupsNow()
                : Map.of();
        for (SignalType type : enabled) {
            rows.put(
                    type,
                    switch (type.key()) {
                        case "usage_spike" -> usageSpike();
                        case "pricing_intent" -> pricingIntent();
                        case "feature_adoption" -> featureAdoption();
                        case "team_growth" -> teamGrowth();
                        case "support_engagement" -> eventCounts(events().supportEvents());
                        case "billing_intent" -> eventCounts(events().billingEvents());
                        case "limit_approaching" -> limitApproaching(groupsNow);
                        case "trial_expiring" -> trialExpiring(groupsNow);
                        // Custom types are replayed by running their rule each day (Replay).
                        default -> throw new IllegalArgumentException("No windowed replay for " + type.key());
                    });
        }
        return rows;
    }

    private EventMapping events() {
        return settings.events();
    }

    private List<Duration> offsets() {
        SignalSettings.Baselines b = settings.baselines();
        return List.of(
                Duration.ZERO,
                WEEK,
                Duration.ofDays(14),
                Duration.ofDays(b.newFeatureLookbackDays() + 7L),
                Duration.ofDays(b.newUserLookbackDays() + 7L),
                Duration.ofDays(b.limitActivityDays()));
    }

    // ---- the signals ------------------------------------------------------------------------

    private List<ResultRows> usageSpike() {
        Map<List<Object>, Series> series = scan(List.of(), notIgnored(), ignoredParams(), false);
        return perDay(List.of("account", "current_events", "previous_events"), 1, (day, rows) -> {
            if (series.isEmpty()) {
                return; // no key: no edge to look up (as before)
            }
            // The day's bucket edges once, not once per account.
            int today = at(day, 0);
            int week = at(day, 7);
            int twoWeeks = at(day, 14);
            series.forEach((key, s) -> {
                Range all = s.range(twoWeeks, today);
                if (all.count() > 0) {
                    rows.add(List.of(
                            key.getFirst(),
                            s.range(week, today).count(),
                            s.range(twoWeeks, week).count()));
                }
            });
        });
    }

    private List<ResultRows> pricingIntent() {
        String url = json("properties", "$current_url");
        StringBuilder where = new StringBuilder("\"event\" = ? AND (");
        List<Object> params = new ArrayList<>();
        params.add(events().pageviewEvent());
        List<String> patterns = events().pricingUrlPatterns();
        for (int i = 0; i < patterns.size(); i++) {
            where.append(i == 0 ? "" : " OR ").append(url).append(" LIKE ?");
            params.add(patterns.get(i));
        }
        where.append(')');
        Map<List<Object>, Series> series = scan(List.of(url), where.toString(), params, false);
        return windowCounts(series, List.of("account", "url", "visits"));
    }

    private List<ResultRows> eventCounts(List<String> names) {
        Map<List<Object>, Series> series =
                scan(List.of("\"event\""), "\"event\" IN " + marks(names), List.copyOf(names), false);
        return windowCounts(series, List.of("account", "event_name", "occurrences"));
    }

    /** Rows of (account, key, count) for the last 7 days. */
    private List<ResultRows> windowCounts(Map<List<Object>, Series> series, List<String> columns) {
        return perDay(columns, 2, (day, rows) -> {
            if (series.isEmpty()) {
                return; // no key: no edge to look up (as before)
            }
            int today = at(day, 0);
            int week = at(day, 7);
            series.forEach((key, s) -> {
                long n = s.range(week, today).count();
                if (n > 0) {
                    rows.add(List.of(key.get(0), key.get(1), n));
                }
            });
        });
    }

    private List<ResultRows> featureAdoption() {
        String feature = json("properties", events().featureProperty());
        String where = "\"event\" IN " + marks(events().featureEvents()) + " AND coalesce(" + feature + ", '') != ''";
        int history = settings.baselines().newFeatureLookbackDays() + 7;
        if (uniform) {
            Map<List<Object>, Newcomer> found =
                    newcomers(List.of(feature), where, List.copyOf(events().featureEvents()), false, history);
            return perDay(List.of("account", "feature", "first_used", "uses"), 2, (day, rows) -> {
                int today = at(day, 0);
                found.forEach((key, n) -> n.asOf(today, history)
                        .ifPresent(w -> rows.add(List.of(key.get(0), key.get(1), w.first(), w.count()))));
            });
        }
        Map<List<Object>, Series> series = scan(List.of(feature), where, List.copyOf(events().featureEvents()), false);
        return perDay(List.of("account", "feature", "first_used", "uses"), 2, (day, rows) -> {
            if (series.isEmpty()) {
                return; // no key: no edge to look up (as before)
            }
            int today = at(day, 0);
            int start = at(day, history);
            LocalDateTime weekStart = utc(day.minus(WEEK));
            series.forEach((key, s) -> {
                Range window = s.range(start, today);
                if (window.count() > 0 && !window.first().isBefore(weekStart)) {
                    rows.add(List.of(key.get(0), key.get(1), window.first(), window.count()));
                }
            });
        });
    }

    private List<ResultRows> teamGrowth() {
        String where = "\"person_id\" IS NOT NULL" + (notIgnored().isEmpty() ? "" : " AND " + notIgnored());
        int history = settings.baselines().newUserLookbackDays() + 7;
        Map<List<Object>, Newcomer> found =
                uniform ? newcomers(List.of("\"person_id\""), where, ignoredParams(), true, history) : Map.of();
        Map<List<Object>, Series> series =
                uniform ? Map.of() : scan(List.of("\"person_id\""), where, ignoredParams(), true);
        return perDay(List.of("account", "person", "first_distinct_id", "first_seen"), 0, (day, rows) -> {
            int today = at(day, 0);
            found.forEach((key, n) -> n.asOf(today, history)
                    .ifPresent(w -> rows.add(Arrays.asList(key.get(0), key.get(1), w.leastText(), w.first()))));
            int start = series.isEmpty() ? 0 : at(day, history);
            LocalDateTime weekStart = utc(day.minus(WEEK));
            series.forEach((key, s) -> {
                Range window = s.range(start, today);
                if (window.count() > 0 && !window.first().isBefore(weekStart)) {
                    rows.add(Arrays.asList(key.get(0), key.get(1), window.leastText(), window.first()));
                }
            });
            // ORDER BY account, first_distinct_id
            rows.sort(Comparator.comparing((List<Object> r) -> (String) r.get(0))
                    .thenComparing(r -> (String) r.get(2), Comparator.nullsLast(Comparator.naturalOrder())));
        });
    }

    private List<ResultRows> limitApproaching(Map<String, GroupNow> now) {
        Map<List<Object>, Series> series = scan(List.of(), notIgnored(), ignoredParams(), false);
        Recorded usage = recorded(events().planUsageProperty());
        Recorded limit = recorded(events().planLimitProperty());
        int activity = settings.baselines().limitActivityDays();
        return perDay(
                List.of(
                        "account",
                        "active_events",
                        "current_plan_usage",
                        "current_plan_limit",
                        "recorded_plan_usage",
                        "recorded_plan_usage_updates",
                        "recorded_plan_limit",
                        "recorded_plan_limit_updates"),
                1,
                (day, rows) -> {
                    if (series.isEmpty()) {
                        return; // no key: no edge to look up (as before)
                    }
                    int today = at(day, 0);
                    int start = at(day, activity);
                    series.forEach((key, s) -> {
                        long n = s.range(start, today).count();
                        if (n > 0) {
                            String account = (String) key.getFirst();
                            GroupNow g = now.get(account);
                            List<Object> row = new ArrayList<>(Arrays.asList(
                                    account, n, g == null ? null : g.usage(), g == null ? null : g.limit()));
                            row.addAll(recordedColumns(usage, limit, account, day));
                            rows.add(row);
                        }
                    });
                });
    }

    private List<ResultRows> trialExpiring(Map<String, GroupNow> now) {
        Map<List<Object>, Series> series = scan(List.of(), notIgnored(), ignoredParams(), false);
        Recorded trial = recorded(events().trialEndProperty());
        return perDay(
                List.of(
                        "account",
                        "events_7d",
                        "days_since_last_event",
                        "current_trial_ends_at",
                        "recorded_trial_ends_at",
                        "recorded_trial_ends_at_updates"),
                1,
                (day, rows) -> {
                    if (series.isEmpty()) {
                        return; // no key: no edge to look up (as before)
                    }
                    int today = at(day, 0);
                    int week = at(day, 7);
                    LocalDate asOfDate = utc(day).toLocalDate();
                    series.forEach((key, s) -> {
                        Range window = s.range(week, today);
                        if (window.count() > 0) {
                            String account = (String) key.getFirst();
                            GroupNow g = now.get(account);
                            // date_diff('day', max(timestamp), asOf): calendar days between the UTC dates.
                            long since = ChronoUnit.DAYS.between(window.last().toLocalDate(), asOfDate);
                            List<Object> row = new ArrayList<>(
                                    Arrays.asList(account, window.count(), since, g == null ? null : g.trialEnd()));
                            row.addAll(recordedColumns(trial, null, account, day));
                            rows.add(row);
                        }
                    });
                });
    }

    // ---- recorded and present-day group properties -------------------------------------------

    /** The company groups as they are now (what a live run may fall back to; a replay never uses them). */
    private record GroupNow(Double usage, Double limit, String trialEnd) {}

    private Map<String, GroupNow> groupsNow() {
        String props = "\"groups\".\"properties\"";
        ResultRows rows = runner.run(new RenderedQuery(
                Dialect.DUCKDB,
                "SELECT \"group_key\", TRY_CAST(" + json(props, events().planUsageProperty()) + " AS DOUBLE),"
                        + " TRY_CAST(" + json(props, events().planLimitProperty()) + " AS DOUBLE), "
                        + json(props, events().trialEndProperty()) + " FROM \"groups\" WHERE \"group_type_index\" = ?",
                List.of(new RenderedQuery.BoundParameter("group_type_index", group))));
        Map<String, GroupNow> now = new HashMap<>();
        for (List<Object> row : rows.rows()) {
            now.put((String) row.get(0), new GroupNow(number(row.get(1)), number(row.get(2)), (String) row.get(3)));
        }
        return now;
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** Every {@code $groupidentify} of a company that names the property, per company key, by time. */
    private record Recorded(Map<String, List<LocalDateTime>> times, Map<String, List<String>> values) {

        /** How many named it before {@code asOf}, and the last one's value. */
        List<Object> asOf(String account, LocalDateTime asOf) {
            List<LocalDateTime> at = times.get(account);
            int n = at == null ? 0 : lowerBound(at, asOf);
            // None named before asOf reads as the LEFT JOIN's nulls: unknown as of then.
            return n == 0
                    ? Arrays.asList(null, null)
                    : Arrays.asList(values.get(account).get(n - 1), (long) n);
        }
    }

    private static List<Object> recordedColumns(Recorded first, Recorded second, String account, Instant day) {
        List<Object> columns = new ArrayList<>(first.asOf(account, utc(day)));
        if (second != null) {
            columns.addAll(second.asOf(account, utc(day)));
        }
        return columns;
    }

    private Recorded recorded(String property) {
        String key = json("properties", "$group_key");
        String named = "json_exists(\"properties\", '$.\"$group_set\".\"" + property + "\"')";
        ResultRows rows = runner.run(new RenderedQuery(
                Dialect.DUCKDB,
                "SELECT " + key + " AS account, \"timestamp\", " + named + " AS named, coalesce("
                        + jsonPath("\"properties\"", List.of("$group_set", property)) + ", '') AS value"
                        + " FROM \"events\" WHERE \"event\" = ? AND " + json("properties", "$group_type")
                        + " = ? AND \"timestamp\" < ? AND " + key + " IS NOT NULL"
                        + " ORDER BY account, \"timestamp\"",
                List.of(
                        new RenderedQuery.BoundParameter("group_identify_event", GROUP_IDENTIFY),
                        new RenderedQuery.BoundParameter("company_group_type", COMPANY),
                        new RenderedQuery.BoundParameter("as_of", utc(days.getLast())))));
        Map<String, List<LocalDateTime>> times = new HashMap<>();
        Map<String, List<String>> values = new HashMap<>();
        for (List<Object> row : rows.rows()) {
            String account = (String) row.get(0);
            LocalDateTime at = (LocalDateTime) row.get(1);
            if (Boolean.TRUE.equals(row.get(2))) {
                times.computeIfAbsent(account, a -> new ArrayList<>()).add(at);
                values.computeIfAbsent(account, a -> new ArrayList<>()).add((String) row.get(3));
            }
        }
        return new Recorded(times, values);
    }

    // ---- scans and windows ------------------------------------------------------------------

    /** Scans already made: usage spike, limit approaching and trial expiring share one. */
    private final Map<List<Object>, Map<List<Object>, Series>> scans = new HashMap<>();

    /** Per (account, extra keys): the non-empty buckets in time order with their aggregates. */
    private Map<List<Object>, Series> scan(List<String> keys, String where, List<Object> params, boolean leastId) {
        List<Object> id = List.of(keys, where, params, leastId);
        Map<List<Object>, Series> done = scans.get(id);
        if (done == null) {
            done = scanOnce(keys, where, params, leastId);
            scans.put(id, done);
        }
        return done;
    }

    private Map<List<Object>, Series> scanOnce(List<String> keys, String where, List<Object> params, boolean leastId) {
        String account = "\"$group_" + group + "\"";
        List<RenderedQuery.BoundParameter> bound = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        // Edges one day apart (a UTC zone): the bucket is arithmetic. Otherwise (daylight saving
        // moves 06:00 local by an hour) each event finds its bucket by an ASOF join on the edges.
        if (!uniform) {
            sql.append("WITH \"bounds\" AS (SELECT * FROM (VALUES ");
            for (int i = 0; i < bounds.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(").append(i).append(", CAST(? AS TIMESTAMP))");
                bound.add(new RenderedQuery.BoundParameter("bound_" + i, utc(bounds.get(i))));
            }
            sql.append(") AS v(\"k\", \"t\")), ");
        } else {
            sql.append("WITH ");
        }
        sql.append("\"s\" AS (SELECT ").append(account).append(" AS \"account\"");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(", ").append(keys.get(i)).append(" AS \"key_").append(i).append('"');
        }
        if (uniform) {
            sql.append(", CAST((epoch_us(\"timestamp\") - epoch_us(CAST(? AS TIMESTAMP))) // ")
                    .append(Duration.ofDays(1).toNanos() / 1000)
                    .append(" AS INTEGER) AS \"k\"");
            bound.add(new RenderedQuery.BoundParameter("first_edge", utc(bounds.getFirst())));
        }
        sql.append(", \"timestamp\" AS \"ts\", \"distinct_id\" AS \"did\" FROM \"events\" WHERE \"timestamp\" >= ?"
                        + " AND \"timestamp\" < ? AND coalesce(")
                .append(account)
                .append(", '') != ''")
                .append(where.isEmpty() ? "" : " AND " + where)
                .append(") SELECT \"s\".\"account\"");
        bound.add(new RenderedQuery.BoundParameter("scan_start", utc(bounds.getFirst())));
        bound.add(new RenderedQuery.BoundParameter("scan_end", utc(bounds.getLast())));
        params.forEach(p -> bound.add(new RenderedQuery.BoundParameter("filter", p)));
        for (int i = 0; i < keys.size(); i++) {
            sql.append(", \"s\".\"key_").append(i).append('"');
        }
        sql.append(uniform ? ", \"s\".\"k\"" : ", \"bounds\".\"k\"")
                .append(", count(*), min(\"s\".\"ts\"), max(\"s\".\"ts\"), ")
                .append(leastId ? "min(\"s\".\"did\")" : "NULL")
                .append(" FROM \"s\"")
                .append(uniform ? "" : " ASOF JOIN \"bounds\" ON \"s\".\"ts\" >= \"bounds\".\"t\"")
                .append(" GROUP BY ALL");
        ResultRows rows = runner.run(new RenderedQuery(Dialect.DUCKDB, sql.toString(), bound));
        Map<List<Object>, Series.Builder> builders = new LinkedHashMap<>();
        int k = keys.size() + 1;
        for (List<Object> row : rows.rows()) {
            List<Object> key = new ArrayList<>(row.subList(0, k));
            builders.computeIfAbsent(key, x -> new Series.Builder())
                    .add(
                            ((Number) row.get(k)).intValue(),
                            ((Number) row.get(k + 1)).longValue(),
                            (LocalDateTime) row.get(k + 2),
                            (LocalDateTime) row.get(k + 3),
                            (String) row.get(k + 4));
        }
        Map<List<Object>, Series> series = new LinkedHashMap<>();
        builders.forEach((key, b) -> series.put(key, b.build()));
        return series;
    }

    /**
     * "New in the last 7 days" (feature adoption, team growth) on a whole-day grid, without carrying
     * every bucket of every (account, key): a key is new as of day {@code d} exactly when its first
     * active bucket in {@code [d-7, d)} — call it {@code g} — had no active bucket in the
     * {@code history} days before {@code d} ahead of it, i.e. its previous active bucket is before
     * {@code d - history}. Such a {@code g} is more than {@code history - 7} buckets after the
     * previous one (a "gap start"), so only gap starts and the 7 buckets from each are read.
     */
    private Map<List<Object>, Newcomer> newcomers(
            List<String> keys, String where, List<Object> params, boolean leastId, int history) {
        String account = "\"$group_" + group + "\"";
        List<RenderedQuery.BoundParameter> bound = new ArrayList<>();
        StringBuilder sql =
                new StringBuilder("WITH \"s\" AS (SELECT ").append(account).append(" AS \"account\"");
        StringBuilder keyList = new StringBuilder("\"account\"");
        StringBuilder join = new StringBuilder("g.\"account\" = st.\"account\"");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(", ").append(keys.get(i)).append(" AS \"key_").append(i).append('"');
            keyList.append(", \"key_").append(i).append('"');
            join.append(" AND g.\"key_")
                    .append(i)
                    .append("\" = st.\"key_")
                    .append(i)
                    .append('"');
        }
        sql.append(", CAST((epoch_us(\"timestamp\") - epoch_us(CAST(? AS TIMESTAMP))) // ")
                .append(Duration.ofDays(1).toNanos() / 1000)
                .append(" AS INTEGER) AS \"k\", \"timestamp\" AS \"ts\", \"distinct_id\" AS \"did\" FROM \"events\"")
                .append(" WHERE \"timestamp\" >= ? AND \"timestamp\" < ? AND coalesce(")
                .append(account)
                .append(", '') != ''")
                .append(where.isEmpty() ? "" : " AND " + where)
                .append("), \"b\" AS (SELECT ")
                .append(keyList)
                .append(", \"k\", count(*) AS \"n\", min(\"ts\") AS \"first\", max(\"ts\") AS \"last\", ")
                .append(leastId ? "min(\"did\")" : "NULL")
                .append(" AS \"least\" FROM \"s\" GROUP BY ALL), \"g\" AS (SELECT *, lag(\"k\") OVER (PARTITION BY ")
                .append(keyList)
                .append(" ORDER BY \"k\") AS \"prev_k\" FROM \"b\"), \"st\" AS (SELECT ")
                .append(keyList)
                .append(", \"k\" AS \"gs\" FROM \"g\" WHERE \"prev_k\" IS NULL OR \"k\" - \"prev_k\" > ?)")
                .append(" SELECT DISTINCT g.* FROM \"g\" JOIN \"st\" ON ")
                .append(join)
                .append(" AND g.\"k\" >= st.\"gs\" AND g.\"k\" < st.\"gs\" + 7");
        bound.add(new RenderedQuery.BoundParameter("first_edge", utc(bounds.getFirst())));
        bound.add(new RenderedQuery.BoundParameter("scan_start", utc(bounds.getFirst())));
        bound.add(new RenderedQuery.BoundParameter("scan_end", utc(bounds.getLast())));
        params.forEach(p -> bound.add(new RenderedQuery.BoundParameter("filter", p)));
        bound.add(new RenderedQuery.BoundParameter("gap", history - 7));
        ResultRows rows = runner.run(new RenderedQuery(Dialect.DUCKDB, sql.toString(), bound));
        int k = keys.size() + 1;
        Map<List<Object>, Series.Builder> builders = new LinkedHashMap<>();
        Map<List<Object>, List<int[]>> starts = new HashMap<>();
        for (List<Object> row : rows.rows()) {
            List<Object> key = new ArrayList<>(row.subList(0, k));
            int bucket = ((Number) row.get(k)).intValue();
            builders.computeIfAbsent(key, x -> new Series.Builder())
                    .add(
                            bucket,
                            ((Number) row.get(k + 1)).longValue(),
                            (LocalDateTime) row.get(k + 2),
                            (LocalDateTime) row.get(k + 3),
                            (String) row.get(k + 4));
            Object prev = row.get(k + 5);
            if (prev == null || bucket - ((Number) prev).intValue() > history - 7) {
                starts.computeIfAbsent(key, x -> new ArrayList<>())
                        .add(new int[] {bucket, prev == null ? Integer.MIN_VALUE : ((Number) prev).intValue()});
            }
        }
        Map<List<Object>, Newcomer> found = new LinkedHashMap<>();
        builders.forEach((key, b) -> found.put(key, new Newcomer(b.build(), starts.getOrDefault(key, List.of()))));
        return found;
    }

    /** One key's gap starts ({bucket, previous active bucket}) and the buckets from each. */
    private record Newcomer(Series series, List<int[]> starts) {

        /** The window from the gap start to {@code d} when the key is new as of bucket edge {@code d}. */
        Optional<Range> asOf(int d, int history) {
            for (int[] start : starts) {
                if (start[0] >= d - 7 && start[0] < d && start[1] < d - history) {
                    return Optional.of(series.range(start[0], d));
                }
            }
            return Optional.empty();
        }
    }

    /** The bucket index where the window edge {@code day - daysBack} falls. */
    private int at(Instant day, int daysBack) {
        int index = java.util.Collections.binarySearch(bounds, day.minus(Duration.ofDays(daysBack)));
        if (index < 0) {
            throw new IllegalStateException("No bucket edge at " + day + " - " + daysBack + " days");
        }
        return index;
    }

    @FunctionalInterface
    private interface DayRows {
        void fill(Instant day, List<List<Object>> rows);
    }

    /**
     * One result per day, limited as production does: rows sorted by the first {@code sortKeys}
     * columns (0: {@code fill} sorts them itself). The days are computed when read, not held: a
     * replay reads each day once, and holding 180 days of every signal's rows at once peaked at
     * 7.9 GB for 10 M events / 10,000 accounts. Reading a day twice computes it twice.
     */
    private List<ResultRows> perDay(List<String> columns, int sortKeys, DayRows fill) {
        return new AbstractList<>() {
            @Override
            public ResultRows get(int index) {
                List<List<Object>> rows = new ArrayList<>();
                fill.fill(days.get(index), rows);
                if (sortKeys == 2) {
                    rows.sort(Comparator.comparing((List<Object> r) -> (String) r.get(0))
                            .thenComparing(r -> (String) r.get(1), Comparator.nullsFirst(Comparator.naturalOrder())));
                } else if (sortKeys == 1) {
                    rows.sort(Comparator.comparing((List<Object> r) -> (String) r.get(0)));
                }
                return new ResultRows(columns, rows.size() > ROW_LIMIT ? rows.subList(0, ROW_LIMIT) : rows);
            }

            @Override
            public int size() {
                return days.size();
            }
        };
    }

    private String notIgnored() {
        List<String> ignored = events().usageIgnoredEvents();
        return ignored.isEmpty() ? "" : "NOT (\"event\" IN " + marks(ignored) + ")";
    }

    private List<Object> ignoredParams() {
        return List.copyOf(events().usageIgnoredEvents());
    }

    private static String marks(List<String> values) {
        return "(" + String.join(", ", values.stream().map(v -> "?").toList()) + ")";
    }

    /** As the DuckDB renderer reads a property: each name quoted inside the JSON path. */
    private static String json(String column, String name) {
        return jsonPath(column.startsWith("\"") ? column : "\"" + column + "\"", List.of(name));
    }

    private static String jsonPath(String column, List<String> names) {
        StringBuilder path = new StringBuilder();
        names.forEach(n -> path.append(".\"").append(n).append('"'));
        return "json_extract_string(" + column + ", '$" + path + "')";
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static int lowerBound(List<LocalDateTime> sorted, LocalDateTime value) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).isBefore(value)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Aggregates of one window: a run of buckets. */
    record Range(long count, LocalDateTime first, LocalDateTime last, String leastText) {}

    /** One key's non-empty buckets, ascending, with prefix sums of the counts. */
    static final class Series {
        private final int[] buckets;
        private final long[] prefix;
        private final LocalDateTime[] first;
        private final LocalDateTime[] last;
        private final String[] least;

        private Series(int[] buckets, long[] prefix, LocalDateTime[] first, LocalDateTime[] last, String[] least) {
            this.buckets = buckets;
            this.prefix = prefix;
            this.first = first;
            this.last = last;
            this.least = least;
        }

        /** The buckets {@code [from, to)}. */
        Range range(int from, int to) {
            int lo = index(from);
            int hi = index(to);
            if (lo >= hi) {
                return new Range(0, null, null, null);
            }
            String leastText = null;
            for (int i = lo; i < hi; i++) {
                if (least[i] != null && (leastText == null || least[i].compareTo(leastText) < 0)) {
                    leastText = least[i];
                }
            }
            return new Range(prefix[hi] - prefix[lo], first[lo], last[hi - 1], leastText);
        }

        private int index(int bucket) {
            int i = Arrays.binarySearch(buckets, bucket);
            return i >= 0 ? i : -i - 1;
        }

        static final class Builder {
            private final List<Object[]> rows = new ArrayList<>();

            void add(int bucket, long count, LocalDateTime first, LocalDateTime last, String least) {
                rows.add(new Object[] {bucket, count, first, last, least});
            }

            Series build() {
                rows.sort(Comparator.comparingInt(r -> (Integer) r[0]));
                int n = rows.size();
                int[] buckets = new int[n];
                long[] prefix = new long[n + 1];
                LocalDateTime[] first = new LocalDateTime[n];
                LocalDateTime[] last = new LocalDateTime[n];
                String[] least = new String[n];
                for (int i = 0; i < n; i++) {
                    Object[] r = rows.get(i);
                    buckets[i] = (Integer) r[0];
                    prefix[i + 1] = prefix[i] + (Long) r[1];
                    first[i] = (LocalDateTime) r[2];
                    last[i] = (LocalDateTime) r[3];
                    least[i] = (String) r[4];
                }
                return new Series(buckets, prefix, first, last, least);
            }
        }
    }
}
