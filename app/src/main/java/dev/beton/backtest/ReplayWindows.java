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
import java.util.List;
import java.util.Map;
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
        List<KeyedScan.Keyed> series = usageScan();
        return perDay(List.of("account", "current_events", "previous_events"), 1, series, (index, day, rows) -> {
            if (series.isEmpty()) {
                return; // no key: no edge to look up (as before)
            }
            // The day's bucket edges once, not once per account.
            int today = at(day, 0);
            int week = at(day, 7);
            int twoWeeks = at(day, 14);
            for (KeyedScan.Keyed key : series) {
                long current = key.series().count(week, today);
                long previous = key.series().count(twoWeeks, week);
                if (current + previous > 0) {
                    rows.add(List.of(key.account(), current, previous));
                }
            }
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
        return windowCounts(scan(List.of(url), where.toString(), params, false), List.of("account", "url", "visits"));
    }

    /**
     * Support and billing engagement count the same way over two lists of event names: one scan of
     * the events in either list, keyed by name, serves both.
     */
    private List<ResultRows> eventCounts(List<String> names) {
        List<String> either = new ArrayList<>(events().supportEvents());
        events().billingEvents().stream().filter(n -> !either.contains(n)).forEach(either::add);
        List<KeyedScan.Keyed> series =
                scan(List.of("\"event\""), "\"event\" IN " + marks(either), List.copyOf(either), false).stream()
                        .filter(key -> names.contains((String) key.key()))
                        .toList();
        return windowCounts(series, List.of("account", "event_name", "occurrences"));
    }

    /** Rows of (account, key, count) for the last 7 days. */
    private List<ResultRows> windowCounts(List<KeyedScan.Keyed> series, List<String> columns) {
        return perDay(columns, 2, series, (index, day, rows) -> {
            if (series.isEmpty()) {
                return; // no key: no edge to look up (as before)
            }
            int today = at(day, 0);
            int week = at(day, 7);
            for (KeyedScan.Keyed key : series) {
                long n = key.series().count(week, today);
                if (n > 0) {
                    rows.add(List.of(key.account(), key.key(), n));
                }
            }
        });
    }

    private List<ResultRows> featureAdoption() {
        String feature = json("properties", events().featureProperty());
        String where = "\"event\" IN " + marks(events().featureEvents()) + " AND coalesce(" + feature + ", '') != ''";
        int history = settings.baselines().newFeatureLookbackDays() + 7;
        if (uniform) {
            NewcomerDays found =
                    newcomers(List.of(feature), where, List.copyOf(events().featureEvents()), false, history);
            return perDay(
                    List.of("account", "feature", "first_used", "uses"),
                    2,
                    found.keys(),
                    (index, day, rows) -> found.forEach(
                            index, (key, w) -> rows.add(List.of(key.account(), key.key(), w.first(), w.count()))));
        }
        List<KeyedScan.Keyed> series = scan(List.of(feature), where, List.copyOf(events().featureEvents()), false);
        return perDay(List.of("account", "feature", "first_used", "uses"), 2, series, (index, day, rows) -> {
            if (series.isEmpty()) {
                return; // no key: no edge to look up (as before)
            }
            int today = at(day, 0);
            int start = at(day, history);
            LocalDateTime weekStart = utc(day.minus(WEEK));
            for (KeyedScan.Keyed key : series) {
                BucketSeries.Range window = key.series().range(start, today);
                if (window.count() > 0 && !window.first().isBefore(weekStart)) {
                    rows.add(List.of(key.account(), key.key(), window.first(), window.count()));
                }
            }
        });
    }

    private List<ResultRows> teamGrowth() {
        String where = "\"person_id\" IS NOT NULL" + (notIgnored().isEmpty() ? "" : " AND " + notIgnored());
        int history = settings.baselines().newUserLookbackDays() + 7;
        NewcomerDays found =
                uniform ? newcomers(List.of("\"person_id\""), where, ignoredParams(), true, history) : null;
        List<KeyedScan.Keyed> series =
                uniform ? List.of() : scan(List.of("\"person_id\""), where, ignoredParams(), true);
        return perDay(List.of("account", "person", "first_distinct_id", "first_seen"), 0, null, (index, day, rows) -> {
            if (found != null) {
                found.forEach(
                        index, (key, w) -> rows.add(Arrays.asList(key.account(), key.key(), w.leastText(), w.first())));
            }
            int today = series.isEmpty() ? 0 : at(day, 0);
            int start = series.isEmpty() ? 0 : at(day, history);
            LocalDateTime weekStart = utc(day.minus(WEEK));
            for (KeyedScan.Keyed key : series) {
                BucketSeries.Range window = key.series().range(start, today);
                if (window.count() > 0 && !window.first().isBefore(weekStart)) {
                    rows.add(Arrays.asList(key.account(), key.key(), window.leastText(), window.first()));
                }
            }
            // ORDER BY account, first_distinct_id
            rows.sort(Comparator.comparing((List<Object> r) -> (String) r.get(0))
                    .thenComparing(r -> (String) r.get(2), Comparator.nullsLast(Comparator.naturalOrder())));
        });
    }

    private List<ResultRows> limitApproaching(Map<String, GroupNow> now) {
        List<KeyedScan.Keyed> series = usageScan();
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
                series,
                (index, day, rows) -> {
                    if (series.isEmpty()) {
                        return; // no key: no edge to look up (as before)
                    }
                    int today = at(day, 0);
                    int start = at(day, activity);
                    for (KeyedScan.Keyed key : series) {
                        long n = key.series().count(start, today);
                        if (n > 0) {
                            String account = key.account();
                            GroupNow g = now.get(account);
                            List<Object> row = new ArrayList<>(Arrays.asList(
                                    account, n, g == null ? null : g.usage(), g == null ? null : g.limit()));
                            row.addAll(recordedColumns(usage, limit, account, day));
                            rows.add(row);
                        }
                    }
                });
    }

    private List<ResultRows> trialExpiring(Map<String, GroupNow> now) {
        List<KeyedScan.Keyed> series = usageScan();
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
                series,
                (index, day, rows) -> {
                    if (series.isEmpty()) {
                        return; // no key: no edge to look up (as before)
                    }
                    int today = at(day, 0);
                    int week = at(day, 7);
                    LocalDate asOfDate = utc(day).toLocalDate();
                    for (KeyedScan.Keyed key : series) {
                        BucketSeries.Range window = key.series().range(week, today);
                        if (window.count() > 0) {
                            String account = key.account();
                            GroupNow g = now.get(account);
                            // date_diff('day', max(timestamp), asOf): calendar days between the UTC dates.
                            long since = ChronoUnit.DAYS.between(window.last().toLocalDate(), asOfDate);
                            List<Object> row = new ArrayList<>(
                                    Arrays.asList(account, window.count(), since, g == null ? null : g.trialEnd()));
                            row.addAll(recordedColumns(trial, null, account, day));
                            rows.add(row);
                        }
                    }
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
    private final Map<List<Object>, List<KeyedScan.Keyed>> scans = new HashMap<>();

    /** Every event but the ignored ones, per account (usage spike, limit approaching, trial expiring). */
    private List<KeyedScan.Keyed> usageScan() {
        return scan(List.of(), notIgnored(), ignoredParams(), false);
    }

    /** Per (account, extra keys): the non-empty buckets in time order with their aggregates. */
    private List<KeyedScan.Keyed> scan(List<String> keys, String where, List<Object> params, boolean leastId) {
        List<Object> id = List.of(keys, where, params, leastId);
        List<KeyedScan.Keyed> done = scans.get(id);
        if (done == null) {
            done = scanOnce(keys, where, params, leastId);
            scans.put(id, done);
        }
        return done;
    }

    private List<KeyedScan.Keyed> scanOnce(List<String> keys, String where, List<Object> params, boolean leastId) {
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
            sql.append(", ").append(dayBucket()).append(" AS \"k\"");
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
        // Times as epoch microseconds, and sorted by key and bucket: read as they come (KeyedScan).
        sql.append(uniform ? ", \"s\".\"k\"" : ", \"bounds\".\"k\"")
                .append(", count(*), epoch_us(min(\"s\".\"ts\")), epoch_us(max(\"s\".\"ts\")), ")
                .append(leastId ? "min(\"s\".\"did\")" : "NULL")
                .append(" FROM \"s\"")
                .append(uniform ? "" : " ASOF JOIN \"bounds\" ON \"s\".\"ts\" >= \"bounds\".\"t\"")
                .append(" GROUP BY ALL ORDER BY ")
                .append(positions(keys.size() + 2));
        KeyedScan scan = new KeyedScan(keys.size(), leastId);
        runner.forEachRow(new RenderedQuery(Dialect.DUCKDB, sql.toString(), bound), scan::add);
        return scan.keys();
    }

    /** The whole days since the first edge (a parameter) of an event: its bucket on a uniform grid. */
    private static String dayBucket() {
        return "CAST((epoch_us(\"timestamp\") - epoch_us(CAST(? AS TIMESTAMP))) // "
                + Duration.ofDays(1).toNanos() / 1000 + " AS INTEGER)";
    }

    /** {@code 1, 2, ..., n}: ORDER BY the first n columns. */
    private static String positions(int n) {
        StringBuilder list = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            list.append(i == 1 ? "" : ", ").append(i);
        }
        return list.toString();
    }

    /**
     * "New in the last 7 days" (feature adoption, team growth) on a whole-day grid, without carrying
     * every bucket of every (account, key): only gap starts (a bucket more than {@code history - 7}
     * buckets after the previous active one, or the first) and the 7 buckets from each are read, and
     * the days each start makes its key new are found once ({@link NewcomerDays}).
     *
     * <p>A key whose buckets all lie within {@code history - 7} of its first has that first bucket
     * as its only gap start: for such keys only the events of its first 7 buckets are aggregated,
     * with no window over its buckets. Only the other keys go through {@code lag} and the join back
     * to their gap starts. At 10 M events every key is of the first kind (60 days of events, 90- and
     * 180-day lookbacks) and each newcomer scan took about 3 instead of 5 CPU seconds; where most
     * keys span more than the lookback, the extra grouping per key costs about 10–32 % more.
     */
    private NewcomerDays newcomers(List<String> keys, String where, List<Object> params, boolean leastId, int history) {
        String account = "\"$group_" + group + "\"";
        List<String> keyColumns = new ArrayList<>(List.of("\"account\""));
        for (int i = 0; i < keys.size(); i++) {
            keyColumns.add("\"key_" + i + "\"");
        }
        StringBuilder sql =
                new StringBuilder("WITH \"s\" AS (SELECT ").append(account).append(" AS \"account\"");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(", ").append(keys.get(i)).append(" AS \"key_").append(i).append('"');
        }
        sql.append(", ")
                .append(dayBucket())
                .append(" AS \"k\", \"timestamp\" AS \"ts\", \"distinct_id\" AS \"did\" FROM \"events\"")
                .append(" WHERE \"timestamp\" >= ? AND \"timestamp\" < ? AND coalesce(")
                .append(account)
                .append(", '') != ''")
                .append(where.isEmpty() ? "" : " AND " + where)
                // Per key: its first bucket, and whether a later one can start a gap at all.
                .append("), \"span\" AS (SELECT ")
                .append(String.join(", ", keyColumns))
                .append(", min(\"k\") AS \"k0\", max(\"k\") - min(\"k\") > ? AS \"gaps\" FROM \"s\" GROUP BY ALL)")
                // The buckets: of a key without gaps only its first 7, of the others all.
                .append(", \"b\" AS (SELECT ")
                .append(qualified("s", keyColumns))
                .append(", s.\"k\", count(*) AS \"n\", epoch_us(min(s.\"ts\")) AS \"first\",")
                .append(" epoch_us(max(s.\"ts\")) AS \"last\", ")
                .append(leastId ? "min(s.\"did\")" : "NULL")
                .append(" AS \"least\", any_value(span.\"k0\") AS \"k0\", any_value(span.\"gaps\") AS \"gaps\"")
                .append(" FROM \"s\" JOIN \"span\" ON ")
                .append(sameKey("s", "span", keyColumns))
                .append(" WHERE span.\"gaps\" OR s.\"k\" < span.\"k0\" + 7 GROUP BY ")
                .append(qualified("s", keyColumns))
                .append(", s.\"k\")")
                // Keys that may have gaps: every gap start and the 7 buckets from it.
                .append(", \"g\" AS (SELECT *, lag(\"k\") OVER (PARTITION BY ")
                .append(String.join(", ", keyColumns))
                .append(" ORDER BY \"k\") AS \"prev_k\" FROM \"b\" WHERE \"gaps\"), \"st\" AS (SELECT ")
                .append(String.join(", ", keyColumns))
                .append(", \"k\" AS \"gs\" FROM \"g\" WHERE \"prev_k\" IS NULL OR \"k\" - \"prev_k\" > ?)")
                // Rows: the key columns, bucket, aggregates, the previous active bucket and whether
                // the bucket is a gap start (KeyedScan's columns, then these two).
                .append(" SELECT ")
                .append(String.join(", ", keyColumns))
                .append(
                        ", \"k\", \"n\", \"first\", \"last\", \"least\", NULL, \"k\" = \"k0\" FROM \"b\" WHERE NOT \"gaps\"")
                .append(" UNION ALL SELECT DISTINCT ")
                .append(qualified("g", keyColumns))
                .append(", g.\"k\", g.\"n\", g.\"first\", g.\"last\", g.\"least\", g.\"prev_k\",")
                .append(" g.\"prev_k\" IS NULL OR g.\"k\" - g.\"prev_k\" > ? FROM \"g\" JOIN \"st\" ON ")
                .append(sameKey("g", "st", keyColumns))
                .append(" AND g.\"k\" >= st.\"gs\" AND g.\"k\" < st.\"gs\" + 7 ORDER BY ")
                .append(positions(keys.size() + 2));
        List<RenderedQuery.BoundParameter> bound = new ArrayList<>();
        bound.add(new RenderedQuery.BoundParameter("first_edge", utc(bounds.getFirst())));
        bound.add(new RenderedQuery.BoundParameter("scan_start", utc(bounds.getFirst())));
        bound.add(new RenderedQuery.BoundParameter("scan_end", utc(bounds.getLast())));
        params.forEach(p -> bound.add(new RenderedQuery.BoundParameter("filter", p)));
        for (String use : List.of("span", "start", "start_column")) {
            bound.add(new RenderedQuery.BoundParameter("gap_" + use, history - 7));
        }
        KeyedScan scan = new KeyedScan(keys.size(), leastId);
        int previousColumn = scan.extraColumn();
        NewcomerDays found =
                new NewcomerDays(days.stream().mapToInt(day -> at(day, 0)).toArray(), history);
        runner.forEachRow(new RenderedQuery(Dialect.DUCKDB, sql.toString(), bound), row -> {
            int key = scan.add(row);
            if (Boolean.TRUE.equals(row.get(previousColumn + 1))) {
                int bucket = ((Number) row.get(keys.size() + 1)).intValue();
                Object previous = row.get(previousColumn);
                found.gapStart(
                        key, bucket, scan.lastPosition(), previous == null ? null : ((Number) previous).intValue());
            }
        });
        return found.of(scan.keys());
    }

    /** {@code t."a", t."b"}: the columns of table {@code t}. */
    private static String qualified(String table, List<String> columns) {
        return String.join(", ", columns.stream().map(c -> table + "." + c).toList());
    }

    /** {@code l."a" = r."a" AND ...}: the same key in both tables. */
    private static String sameKey(String left, String right, List<String> columns) {
        return String.join(
                " AND ",
                columns.stream()
                        .map(c -> left + "." + c + " = " + right + "." + c)
                        .toList());
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
        void fill(int index, Instant day, List<List<Object>> rows);
    }

    /**
     * One result per day, limited as production does: rows sorted by the first {@code sortKeys}
     * columns (0: {@code fill} sorts them itself). The days are computed when read, not held: a
     * replay reads each day once, and holding 180 days of every signal's rows at once peaked at
     * 7.9 GB for 10 M events / 10,000 accounts. Reading a day twice computes it twice.
     *
     * @param source the keys {@code fill} goes through in order, or null: when the scan returned
     *     them in Java's order of (account, key), each day's rows come sorted and are not sorted
     *     again (sorting 180 days of rows was a tenth of the replay)
     */
    private List<ResultRows> perDay(List<String> columns, int sortKeys, List<KeyedScan.Keyed> source, DayRows fill) {
        boolean sorted = source != null && inSortOrder(source);
        return new AbstractList<>() {
            @Override
            public ResultRows get(int index) {
                List<List<Object>> rows = new ArrayList<>();
                fill.fill(index, days.get(index), rows);
                if (!sorted && sortKeys == 2) {
                    rows.sort(Comparator.comparing((List<Object> r) -> (String) r.get(0))
                            .thenComparing(r -> (String) r.get(1), Comparator.nullsFirst(Comparator.naturalOrder())));
                } else if (!sorted && sortKeys == 1) {
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

    /**
     * Whether the keys ascend strictly by (account, key) as Java compares them. DuckDB sorts text by
     * its bytes, which agrees for most text but not all (characters beyond the BMP): checked, not
     * assumed.
     */
    private static boolean inSortOrder(List<KeyedScan.Keyed> keys) {
        for (int i = 1; i < keys.size(); i++) {
            KeyedScan.Keyed previous = keys.get(i - 1);
            KeyedScan.Keyed next = keys.get(i);
            int byAccount = previous.account().compareTo(next.account());
            boolean ascending = byAccount < 0
                    || (byAccount == 0
                            && previous.key() instanceof String a
                            && next.key() instanceof String b
                            && a.compareTo(b) < 0);
            if (!ascending) {
                return false;
            }
        }
        return true;
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
}
