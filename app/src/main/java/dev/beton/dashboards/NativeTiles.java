package dev.beton.dashboards;

import dev.beton.backtest.BacktestReport;
import dev.beton.backtest.BacktestRun;
import dev.beton.backtest.Backtests;
import dev.beton.backtest.CrmMirror;
import dev.beton.backtest.Deal;
import dev.beton.backtest.PqlPerformance;
import dev.beton.backtest.Ratio;
import dev.beton.connections.EventSource;
import dev.beton.connections.EventSources;
import dev.beton.detection.QuerySources;
import dev.beton.detection.WarehouseQueryRunner;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.query.Dialect;
import dev.beton.query.EventQuerySource;
import dev.beton.query.QueryDefinition;
import dev.beton.query.ResultRows;
import dev.beton.signals.CompanyGroupType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Computes tiles for Beton's own pages: query tiles run their DuckDB rendering on the workspace's
 * embedded store; PQL-performance tiles read {@link PqlPerformance} from the CRM mirror, and
 * backtesting tiles the latest finished {@link BacktestReport} (their computations stay in the
 * backtest package). Before computing, each tile's data sources are checked.
 */
@Component
class NativeTiles {

    private final EmbeddedWarehouse warehouse;
    private final CrmMirror crm;
    private final Backtests backtests;
    private final EventSources eventSources;
    private final QuerySources querySources;
    private final UsageRollupRefresh rollups;

    NativeTiles(
            EmbeddedWarehouse warehouse,
            CrmMirror crm,
            Backtests backtests,
            EventSources eventSources,
            QuerySources querySources,
            UsageRollupRefresh rollups) {
        this.warehouse = warehouse;
        this.crm = crm;
        this.backtests = backtests;
        this.eventSources = eventSources;
        this.querySources = querySources;
        this.rollups = rollups;
    }

    /**
     * What the workspace has, checked once per dashboard view.
     *
     * @param events the workspace's event source when it is not the embedded store (PostHog,
     *     ClickHouse): the query tiles run their rendering for it there
     * @param eventsFailure why that source cannot be asked (not connected, not answering): the
     *     tiles that read events say it instead of computing
     */
    record Available(
            Set<DataNeed> present,
            OptionalInt companyIndex,
            Optional<BacktestReport> backtest,
            List<Deal> deals,
            Optional<EventQuerySource> events,
            Optional<String> eventsFailure) {

        /** Whether the query tiles read the embedded store (where the usage rollup is). */
        boolean embedded() {
            return events.isEmpty() && eventsFailure.isEmpty();
        }
    }

    Available available(long workspaceId, Instant asOf, int periodDays, Set<DataNeed> wanted) {
        Set<DataNeed> present = EnumSet.noneOf(DataNeed.class);
        OptionalInt company = OptionalInt.empty();
        boolean readsEvents = wanted.stream().anyMatch(DataNeed::readsEvents);
        Optional<EventQuerySource> events = Optional.empty();
        Optional<String> eventsFailure = Optional.empty();
        if (readsEvents && eventSources.of(workspaceId) != EventSource.EMBEDDED) {
            // The workspace chose PostHog or ClickHouse as its event source: the tiles read it
            // there (HogQL through the query budget, or ClickHouse SQL), as rules and the explorer do.
            try {
                EventQuerySource source = querySources.of(workspaceId);
                events = Optional.of(source);
                company = source.accountGroupIndex();
                company.ifPresent(i -> present.add(DataNeed.COMPANY_GROUPS));
                if (wanted.contains(DataNeed.PRODUCT_EVENTS)
                        && anyEvent(source, TileQueries.usageProbe(periodDays), asOf)) {
                    present.add(DataNeed.PRODUCT_EVENTS);
                }
                if (wanted.contains(DataNeed.SIGNALS) && anyEvent(source, TileQueries.signalProbe(periodDays), asOf)) {
                    present.add(DataNeed.SIGNALS);
                }
            } catch (RuntimeException e) {
                eventsFailure = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
            }
            readsEvents = false;
        }
        if (readsEvents) {
            LocalDateTime since = LocalDateTime.ofInstant(asOf.minus(periodDays, ChronoUnit.DAYS), ZoneOffset.UTC);
            LocalDateTime until = LocalDateTime.ofInstant(asOf, ZoneOffset.UTC);
            Probe probe = warehouse.read(workspaceId, c -> {
                Map<Integer, String> types = new HashMap<>();
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT group_type_index, group_type FROM group_types")) {
                    while (r.next()) {
                        types.put(r.getInt(1), r.getString(2));
                    }
                }
                boolean usage = wanted.contains(DataNeed.PRODUCT_EVENTS) && productEvents(c, since, until);
                boolean signals = wanted.contains(DataNeed.SIGNALS) && signals(c, since, until);
                return new Probe(CompanyGroupType.indexIn(types), usage, signals);
            });
            company = probe.company();
            if (probe.usage()) {
                present.add(DataNeed.PRODUCT_EVENTS);
            }
            if (probe.signals()) {
                present.add(DataNeed.SIGNALS);
            }
            if (company.isPresent()) {
                present.add(DataNeed.COMPANY_GROUPS);
            }
        }
        List<Deal> deals = List.of();
        if (wanted.contains(DataNeed.DEALS)) {
            deals = crm.deals(workspaceId);
            if (!deals.isEmpty()) {
                present.add(DataNeed.DEALS);
            }
        }
        Optional<BacktestReport> report = Optional.empty();
        if (wanted.contains(DataNeed.BACKTEST)) {
            report = backtests.recent(workspaceId, 20).stream()
                    .filter(r -> r.status() == BacktestRun.Status.SUCCEEDED)
                    .flatMap(r -> r.report().stream())
                    .findFirst();
            if (report.isPresent()) {
                present.add(DataNeed.BACKTEST);
            }
        }
        return new Available(present, company, report, deals, events, eventsFailure);
    }

    private static boolean anyEvent(EventQuerySource source, dev.beton.query.Query probe, Instant asOf) {
        return !source.run(probe, asOf).rows().isEmpty();
    }

    private record Probe(OptionalInt company, boolean usage, boolean signals) {}

    /**
     * Whether the window has product events. Existence, not counts: each probe stops at the first
     * matching event instead of counting the whole window (it runs on every page view that computes
     * a tile). Each probe runs only when a stale tile needs it: a window without signals is read to
     * its end before the signal probe says so, which an Account Health tile should not pay for.
     */
    static boolean productEvents(java.sql.Connection c, LocalDateTime since, LocalDateTime until)
            throws java.sql.SQLException {
        return exists(c, "event NOT IN ('beton_signal_fired', '$identify', '$groupidentify', '$set')", since, until);
    }

    /** Whether the window has Beton's signal events (see {@link #productEvents}). */
    static boolean signals(java.sql.Connection c, LocalDateTime since, LocalDateTime until)
            throws java.sql.SQLException {
        return exists(c, "event = 'beton_signal_fired'", since, until);
    }

    private static boolean exists(java.sql.Connection c, String condition, LocalDateTime since, LocalDateTime until)
            throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM events WHERE " + condition + " AND timestamp >= ? AND timestamp < ? LIMIT 1")) {
            s.setObject(1, since);
            s.setObject(2, until);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * The given Account Health query tiles in one go, with only their reads ({@link
     * AccountHealthPass}), keyed by tile id; call only when the page's product events and company
     * accounts are present.
     */
    Map<String, ResultRows> accountHealth(
            long workspaceId, Available available, Instant asOf, int periodDays, Set<String> tileIds) {
        AccountHealthPass pass = new AccountHealthPass(available.companyIndex().orElse(0), asOf, periodDays);
        Map<String, ResultRows> rows = pass.compute(warehouse, workspaceId, tileIds);
        if (pass.rollupMissing()) {
            // No detection run has built the rollup yet: build it now, after this answer, so the
            // next view reads the rollup instead of every event of the windows.
            rollups.buildWhereMissing(workspaceId);
        }
        return rows;
    }

    /** The tile's columns and rows; call only when its needs are present. */
    ResultRows compute(long workspaceId, TileDefinition tile, Available available, Instant asOf, int periodDays) {
        return switch (tile.source()) {
            case QUERY -> query(workspaceId, tile, available, asOf, periodDays);
            case PQL_PERFORMANCE -> pql(tile, available.deals());
            case BACKTEST -> backtest(tile, available.backtest().orElseThrow());
        };
    }

    private ResultRows query(long workspaceId, TileDefinition tile, Available available, Instant asOf, int days) {
        int company = available.companyIndex().orElse(0);
        QueryDefinition definition = tile.query().orElseThrow().build(company, days);
        ResultRows rows = run(workspaceId, available, definition, asOf);
        if (tile.id().equals("health_distribution")) {
            return healthBuckets(rows);
        }
        return plain(rows);
    }

    /** The accounts behind an element of a chart tile ({@link TileDrills}); at most one more than listed. */
    ResultRows drill(long workspaceId, String tileId, String value, Available available, Instant asOf, int days) {
        int company = available.companyIndex().orElse(0);
        QueryDefinition definition = new QueryDefinition(
                "dashboard.drill." + tileId,
                1,
                "Accounts behind an element of " + tileId,
                TileDrills.query(tileId, company, days, value));
        ResultRows rows = run(workspaceId, available, definition, asOf);
        if (!tileId.equals("health_distribution")) {
            return plain(rows);
        }
        // The accounts whose score falls in the bucket, scored as the tile scores them.
        int bucket = TileDrills.healthBucket(value);
        List<List<Object>> inBucket = new ArrayList<>();
        for (ResultRows.Row row : rows.list()) {
            AccountHealth health = AccountHealth.of(row);
            if (AccountHealth.bucketOf(health.score()) == bucket) {
                inBucket.add(List.of(
                        row.requiredText("account"),
                        (long) health.score(),
                        row.count("events_last_14_days"),
                        row.count("events_previous_14_days"),
                        row.count("active_users"),
                        row.count("days_since_last_event"),
                        row.count("features_used")));
            }
        }
        inBucket.sort(java.util.Comparator.<List<Object>>comparingLong(r -> -(Long) r.get(1))
                .thenComparing(r -> (String) r.get(0)));
        return new ResultRows(
                List.of(
                        "account",
                        "health_score",
                        "events_last_14_days",
                        "events_previous_14_days",
                        "active_users",
                        "days_since_last_event",
                        "features_used"),
                inBucket.size() > TileDrills.ROWS + 1 ? inBucket.subList(0, TileDrills.ROWS + 1) : inBucket);
    }

    /** The query on the workspace's event source: the embedded store, or PostHog / ClickHouse. */
    private ResultRows run(long workspaceId, Available available, QueryDefinition definition, Instant asOf) {
        if (available.eventsFailure().isPresent()) {
            throw new IllegalStateException(available.eventsFailure().get());
        }
        if (available.events().isPresent()) {
            return available.events().get().run(definition.query(), asOf);
        }
        return new WarehouseQueryRunner(warehouse, workspaceId).run(definition.render(Dialect.DUCKDB, asOf));
    }

    /** The per-account health inputs become the score distribution (the score is computed in Java). */
    static ResultRows healthBuckets(ResultRows inputs) {
        long[] counts = new long[AccountHealth.BUCKETS.size()];
        for (ResultRows.Row row : inputs.list()) {
            AccountHealth health = AccountHealth.of(row);
            counts[AccountHealth.bucketOf(health.score())]++;
        }
        return AccountHealth.distribution(counts);
    }

    /** Dates as ISO text and numbers as numbers, so JSON, CSV and charts read the same values. */
    static ResultRows plain(ResultRows rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows.rows()) {
            List<Object> values = new ArrayList<>();
            for (Object v : row) {
                values.add(plainValue(v));
            }
            out.add(values);
        }
        return new ResultRows(rows.columns(), out);
    }

    private static Object plainValue(Object v) {
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toString();
        }
        if (v instanceof java.time.LocalDate d) {
            return d.toString();
        }
        if (v instanceof java.math.BigInteger b) {
            return b.longValue();
        }
        if (v instanceof Number || v instanceof String || v == null || v instanceof Boolean) {
            return v;
        }
        return String.valueOf(v);
    }

    private static ResultRows pql(TileDefinition tile, List<Deal> deals) {
        PqlPerformance performance = PqlPerformance.of(deals, PqlPerformance.DEFAULT_SQL_STAGES);
        List<List<Object>> rows = new ArrayList<>();
        switch (tile.id()) {
            case "win_rate_by_source" -> {
                performance.sources().forEach(s -> rows.add(row(s.source(), percent(s.winRate()))));
                return new ResultRows(List.of("source", "win_rate_percent"), rows);
            }
            case "cycle_by_source" -> {
                performance.sources().forEach(s -> rows.add(row(s.source(), round(s.averageCycleDays()))));
                return new ResultRows(List.of("source", "average_cycle_days"), rows);
            }
            case "pipeline_by_source" -> {
                performance.sources().forEach(s -> rows.add(List.of(s.source(), s.pipeline(), s.wonRevenue())));
                return new ResultRows(List.of("source", "open_pipeline", "won_revenue"), rows);
            }
            case "pql_funnel" -> {
                PqlPerformance.Source pql = performance.sources().getFirst();
                rows.add(List.of("leads", pql.leads()));
                rows.add(List.of("SQL", pql.sql()));
                rows.add(List.of("won", pql.won()));
                return new ResultRows(List.of("stage", "deals"), rows);
            }
            default -> throw new IllegalArgumentException("No PQL performance tile " + tile.id());
        }
    }

    private static ResultRows backtest(TileDefinition tile, BacktestReport report) {
        List<List<Object>> rows = new ArrayList<>();
        BacktestReport.Overall overall = report.overall();
        switch (tile.id()) {
            case "accuracy" -> {
                rows.add(row(percent(overall.precision()), percent(overall.recall()), percentOf(overall.f1())));
                return new ResultRows(List.of("precision_percent", "recall_percent", "f1_percent"), rows);
            }
            case "accuracy_by_type" -> {
                report.signals().forEach(s -> rows.add(row(s.type(), percent(s.precision()), percent(s.recall()))));
                return new ResultRows(List.of("signal_type", "precision_percent", "recall_percent"), rows);
            }
            case "conversion_by_score" -> {
                report.buckets().forEach(b -> rows.add(row(b.label(), b.accounts(), b.won(), percent(b.conversion()))));
                return new ResultRows(List.of("bucket", "accounts", "won", "conversion_percent"), rows);
            }
            case "roi" -> {
                BigDecimal revenue = report.curve().stream()
                        .filter(p -> p.threshold() == overall.routingThreshold())
                        .map(BacktestReport.CurvePoint::wonRevenue)
                        .findFirst()
                        .orElse(null);
                rows.add(row(overall.routedAccounts(), revenue, round(overall.lift())));
                return new ResultRows(List.of("routed_accounts", "won_revenue", "lift"), rows);
            }
            case "time_to_close" -> {
                BacktestReport.TimeToClose t = report.timeToClose();
                rows.add(row("surfaced by Beton", round(t.surfacedAverageDays()), t.surfacedDeals()));
                rows.add(row("other deals", round(t.otherAverageDays()), t.otherDeals()));
                return new ResultRows(List.of("group", "average_days", "deals"), rows);
            }
            default -> throw new IllegalArgumentException("No backtesting tile " + tile.id());
        }
    }

    private static List<Object> row(Object... values) {
        List<Object> row = new ArrayList<>();
        java.util.Collections.addAll(row, values);
        return row;
    }

    private static Double percent(Ratio ratio) {
        return percentOf(ratio.value());
    }

    private static Double percentOf(Double fraction) {
        return fraction == null ? null : Math.round(fraction * 1000) / 10.0;
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }
}
