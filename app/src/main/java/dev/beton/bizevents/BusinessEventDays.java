package dev.beton.bizevents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The executive summary's sums per UTC day (warehouse migration V120): per day and tenant the
 * totals, per day, tenant and category the cost rows, per day, tenant and action the weighted
 * actions. A summary over a year then reads a few thousand day rows plus the raw rows of the days
 * its period cuts ({@link SummaryDays}), instead of every business event of the year.
 *
 * <p>Why it is kept at write time, in the transaction that writes the typed rows, and not rebuilt
 * behind a watermark (as the dashboards' usage rollup is): the typed rows are only ever written by
 * {@link BusinessEventTable} on the writer thread and deleted by retention, so adding each write's
 * own sums keeps the day rows exactly equal to the table's, with no open window to read raw and no
 * refresh job. Each write appends its own day rows (an upsert per row would rewrite them); {@link
 * #compact} folds them together now and then.
 */
final class BusinessEventDays {

    private BusinessEventDays() {}

    /** One rolled-up column: its per-row aggregate and how day rows of it are combined. */
    record Column(String name, String aggregate, String combine) {

        static Column count(String name, String aggregate) {
            return new Column(name, aggregate, "CAST(sum(" + name + ") AS BIGINT)");
        }

        static Column sum(String name, String aggregate) {
            return new Column(name, aggregate, "sum(" + name + ")");
        }
    }

    /** One rollup table: the keys it is grouped by (after the day) and its columns. */
    record Rollup(String table, List<String> keys, String rows, List<Column> columns) {

        String names() {
            return columns.stream().map(Column::name).collect(Collectors.joining(", "));
        }

        String aggregates() {
            return columns.stream().map(c -> c.aggregate() + " AS " + c.name()).collect(Collectors.joining(", "));
        }

        String combined() {
            return columns.stream().map(c -> c.combine() + " AS " + c.name()).collect(Collectors.joining(", "));
        }

        /**
         * This rollup's sums straight from the rows of {@code source}, grouped by its keys and
         * {@code extraKey} (an expression with its alias, or empty).
         */
        String raw(String source, String extraKey) {
            return "SELECT " + String.join(", ", keys) + extraKey(extraKey) + ", " + aggregates() + " FROM "
                    + rows.formatted(source) + " GROUP BY ALL";
        }

        /** The stored day rows matching {@code where}, in the columns of {@link #raw}. */
        String stored(String where, String extraKey) {
            return "SELECT " + String.join(", ", keys) + extraKey(extraKey) + ", " + names() + " FROM " + table
                    + " WHERE " + where;
        }

        private static String extraKey(String extraKey) {
            return extraKey.isEmpty() ? "" : ", " + extraKey;
        }

        /** The rows of {@code source} (a table or a parenthesised query) as this rollup's day rows. */
        String perDay(String source) {
            return "INSERT INTO " + table + " (day, " + String.join(", ", keys) + ", " + names() + ") SELECT"
                    + " CAST(timestamp AS DATE) AS day, " + String.join(", ", keys) + ", " + aggregates()
                    + " FROM " + rows.formatted(source) + " GROUP BY ALL";
        }
    }

    private static final String CRITICAL_OVERRUN = String.valueOf(SummaryCalculator.CRITICAL_OVERRUN);

    /** Per tenant: the sums of {@link SummaryTotals}, in its order. */
    static final Rollup TOTALS = new Rollup(
            "business_event_days",
            List.of("tenant_id"),
            "(SELECT * FROM %s WHERE valid) AS t",
            List.of(
                    Column.count("events", "count(*)"),
                    Column.count("revenue_events", "count(*) FILTER (WHERE event = 'revenue_impact_event')"),
                    Column.sum(
                            "positive_revenue",
                            "coalesce(sum(impact_amount) FILTER (WHERE event = 'revenue_impact_event'"
                                    + " AND impact_type IS DISTINCT FROM 'negative'), 0)"),
                    Column.sum(
                            "negative_revenue",
                            "coalesce(sum(impact_amount) FILTER (WHERE event = 'revenue_impact_event'"
                                    + " AND impact_type = 'negative'), 0)"),
                    Column.count("efficiency_events", "count(*) FILTER (WHERE event = 'operational_efficiency_event')"),
                    Column.sum(
                            "efficiency_score_sum",
                            "coalesce(sum(efficiency_score) FILTER (WHERE event = 'operational_efficiency_event'), 0)"),
                    Column.count(
                            "mail_events",
                            "count(*) FILTER (WHERE event = 'email_deliverability_event' AND bounce_rate IS NOT NULL)"),
                    Column.sum(
                            "weighted_bounce",
                            "coalesce(sum(bounce_rate * greatest(1, email_count)) FILTER (WHERE event ="
                                    + " 'email_deliverability_event' AND bounce_rate IS NOT NULL), 0)"),
                    Column.count(
                            "emails",
                            "coalesce(sum(greatest(1, email_count)) FILTER (WHERE event = 'email_deliverability_event'"
                                    + " AND bounce_rate IS NOT NULL), 0)"),
                    Column.count("cost_events", "count(*) FILTER (WHERE event = 'cost_optimization_event')"),
                    // the overrun of BusinessEvent.CostOptimization: none without a positive baseline
                    Column.count(
                            "costs_within_budget",
                            "count(*) FILTER (WHERE event = 'cost_optimization_event' AND (baseline_cost IS NULL"
                                    + " OR optimized_cost IS NULL OR baseline_cost <= 0"
                                    + " OR greatest(0, (optimized_cost - baseline_cost) / baseline_cost) <= "
                                    + CRITICAL_OVERRUN + "))"),
                    Column.sum(
                            "realized_savings",
                            "coalesce(sum(savings_amount) FILTER (WHERE event = 'cost_optimization_event'"
                                    + " AND optimization_type = 'implemented'), 0)"),
                    Column.sum(
                            "projected_savings",
                            "coalesce(sum(savings_amount) FILTER (WHERE event = 'cost_optimization_event'"
                                    + " AND optimization_type IN ('identified', 'planned')), 0)"),
                    Column.sum(
                            "total_savings",
                            "coalesce(sum(savings_amount) FILTER (WHERE event = 'cost_optimization_event'), 0)"),
                    Column.count("strategic_decisions", "count(*) FILTER (WHERE event = 'strategic_decision_event')")));

    /** Per tenant and category: the seed's cost optimization query; averages kept as sum and count. */
    static final Rollup COSTS = new Rollup(
            "business_event_cost_days",
            List.of("tenant_id", "optimization_category"),
            "(SELECT * FROM %s WHERE valid AND event = 'cost_optimization_event') AS t",
            List.of(
                    Column.count("optimizations", "count(*)"),
                    Column.sum("savings", "coalesce(sum(savings_amount), 0)"),
                    Column.sum("percentage_sum", "sum(savings_percentage)"),
                    Column.count("percentage_count", "count(savings_percentage)"),
                    Column.sum("roi_sum", "sum(roi)"),
                    Column.count("roi_count", "count(roi)"),
                    Column.count("implemented", "count(*) FILTER (WHERE optimization_type = 'implemented')"),
                    Column.count("identified", "count(*) FILTER (WHERE optimization_type = 'identified')")));

    /**
     * Per tenant and action (in any case): the events' own actions weighed by urgency (critical 4,
     * high 3, medium 2, otherwise 1), spelled as the action first appeared, and that appearance
     * (the event's time in microseconds, then the action's place in its list).
     */
    static final Rollup ACTIONS = new Rollup(
            "business_event_action_days",
            List.of("tenant_id", "action_key"),
            "(SELECT timestamp, tenant_id, lower(action) AS action_key, weight, action,"
                    + " CAST(epoch_us(timestamp) AS HUGEINT) * 1000000 + position AS appearance"
                    + " FROM (SELECT timestamp, tenant_id, CASE CASE event"
                    + " WHEN 'revenue_impact_event' THEN coalesce(priority_level, urgency_level)"
                    + " WHEN 'email_deliverability_event' THEN risk_level"
                    + " WHEN 'cost_optimization_event' THEN risk_level"
                    + " WHEN 'operational_efficiency_event' THEN CASE WHEN requires_executive_attention THEN 'high' END"
                    + " END WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END AS weight,"
                    + " unnest(actions) AS action, unnest(range(len(actions))) AS position"
                    + " FROM %s WHERE valid AND len(actions) > 0)) AS t",
            List.of(
                    new Column("action", "arg_min(action, appearance)", "arg_min(action, first)"),
                    Column.count("weight", "sum(weight)"),
                    new Column("first", "min(appearance)", "min(first)")));

    static final List<Rollup> ALL = List.of(TOTALS, COSTS, ACTIONS);

    private static final String STATE = "business_event_days_state";

    /**
     * Adds the day rows of the valid typed rows in {@code source} (a table, or a parenthesised
     * query without parameters).
     *
     * @return day rows appended
     */
    static long add(Connection connection, String source) throws SQLException {
        long appended = 0;
        try (Statement statement = connection.createStatement()) {
            for (Rollup rollup : ALL) {
                appended += statement.executeUpdate(rollup.perDay(source));
            }
        }
        return appended;
    }

    /**
     * Builds the day rows from the whole typed table when they were never built (a store whose
     * typed rows predate them); inside the caller's transaction.
     *
     * @return whether they were built now
     */
    static boolean ensureBuilt(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + STATE)) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return false;
            }
            for (Rollup rollup : ALL) {
                statement.execute("DELETE FROM " + rollup.table());
            }
            add(connection, "business_events");
            statement.execute("INSERT INTO " + STATE + " VALUES (current_timestamp)");
            return true;
        }
    }

    /**
     * Folds each day's rows into one per key (every write appends its own).
     *
     * @return day rows left
     */
    static long compact(Connection connection) throws SQLException {
        long left = 0;
        try (Statement statement = connection.createStatement()) {
            for (Rollup rollup : ALL) {
                String folded = rollup.table() + "_folded";
                String keys = "day, " + String.join(", ", rollup.keys());
                statement.execute("CREATE OR REPLACE TEMP TABLE " + folded + " AS SELECT " + keys + ", "
                        + rollup.combined() + " FROM " + rollup.table() + " GROUP BY ALL");
                statement.execute("DELETE FROM " + rollup.table());
                left += statement.executeUpdate("INSERT INTO " + rollup.table() + " (" + keys + ", " + rollup.names()
                        + ") SELECT " + keys + ", " + rollup.names() + " FROM " + folded);
                statement.execute("DROP TABLE " + folded);
            }
        }
        return left;
    }

    /**
     * Retention, inside its write and after the typed rows before {@code cutoff} are gone: the days
     * before it go, and the day it cuts is summed again from the rows left of it.
     */
    static void forgetBefore(Connection connection, Instant cutoff) throws SQLException {
        LocalDate cut = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        for (Rollup rollup : ALL) {
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM " + rollup.table() + " WHERE day <= ?")) {
                statement.setObject(1, cut);
                statement.executeUpdate();
            }
        }
        String dayStart = cut + " 00:00:00";
        String nextDay = cut.plusDays(1) + " 00:00:00";
        add(
                connection,
                "(SELECT * FROM business_events WHERE timestamp >= TIMESTAMP '" + dayStart
                        + "' AND timestamp < TIMESTAMP '" + nextDay + "')");
    }
}
