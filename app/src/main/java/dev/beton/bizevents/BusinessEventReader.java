package dev.beton.bizevents;

import dev.beton.events.EmbeddedWarehouse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a period's business events from the workspace's event store: the summary's aggregates in
 * DuckDB SQL over the typed table {@code business_events} (or, for the parity test, over the
 * events' JSON properties), or every event typed in Java (the specification both are tested
 * against); events that break their schema are left out (they are listed on their own page).
 */
@Component
class BusinessEventReader {

    private static final String NAMES =
            BusinessEventType.NAMES.stream().sorted().map(n -> "'" + n + "'").collect(Collectors.joining(", "));

    /** Java's String.strip() whitespace, near enough: what an action is trimmed of. */
    private static final String WHITESPACE = "' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)";

    /**
     * The period's business events that passed their schema: the ones flagged on arrival (their
     * uuids, bound as one comma-separated text) are left out, as are rows without a tenant.
     */
    private static final String VALID = "SELECT uuid, event, timestamp AS happened, properties FROM events"
            + " WHERE event IN (" + NAMES + ") AND timestamp >= ? AND timestamp < ?"
            + " AND CAST(uuid AS VARCHAR) NOT IN (SELECT unnest(string_split(?, ',')))"
            + " AND json_extract_string(properties, '$.tenant_id') IS NOT NULL";

    /** Per tenant and half of the period, the sums of {@link SummaryTotals}; one JSON parse per event. */
    private static final String TOTALS = "WITH e AS (" + VALID + "),"
            + " t AS (SELECT event, happened, v[1] AS tenant, TRY_CAST(v[2] AS DOUBLE) AS impact, v[3] AS impact_type,"
            + " TRY_CAST(v[4] AS DOUBLE) AS score, TRY_CAST(v[5] AS DOUBLE) AS bounce,"
            + " greatest(1, TRY_CAST(v[6] AS DOUBLE)) AS emails, v[7] AS optimization_type,"
            + " TRY_CAST(v[8] AS DOUBLE) AS savings, TRY_CAST(v[9] AS DOUBLE) AS baseline,"
            + " TRY_CAST(v[10] AS DOUBLE) AS optimized FROM (SELECT event, happened, json_extract_string(properties,"
            + " ['$.tenant_id', '$.impact_amount', '$.impact_type', '$.efficiency_score', '$.bounce_rate',"
            + " '$.email_count', '$.optimization_type', '$.savings_amount', '$.baseline_cost', '$.optimized_cost'])"
            + " AS v FROM e) %s)"
            + " SELECT tenant, happened < ? AS first_half, count(*),"
            + " count(*) FILTER (WHERE event = 'revenue_impact_event'),"
            + " coalesce(sum(impact) FILTER (WHERE event = 'revenue_impact_event'"
            + " AND impact_type IS DISTINCT FROM 'negative'), 0),"
            + " coalesce(sum(impact) FILTER (WHERE event = 'revenue_impact_event' AND impact_type = 'negative'), 0),"
            + " count(*) FILTER (WHERE event = 'operational_efficiency_event'),"
            + " coalesce(sum(score) FILTER (WHERE event = 'operational_efficiency_event'), 0),"
            + " count(*) FILTER (WHERE event = 'email_deliverability_event' AND bounce IS NOT NULL),"
            + " coalesce(sum(bounce * emails) FILTER (WHERE event = 'email_deliverability_event'"
            + " AND bounce IS NOT NULL), 0),"
            + " coalesce(sum(emails) FILTER (WHERE event = 'email_deliverability_event' AND bounce IS NOT NULL), 0),"
            + " count(*) FILTER (WHERE event = 'cost_optimization_event'),"
            // the overrun of BusinessEvent.CostOptimization: none without a positive baseline
            + " count(*) FILTER (WHERE event = 'cost_optimization_event' AND (baseline IS NULL OR optimized IS NULL"
            + " OR baseline <= 0 OR greatest(0, (optimized - baseline) / baseline) <= "
            + SummaryCalculator.CRITICAL_OVERRUN + ")),"
            + " coalesce(sum(savings) FILTER (WHERE event = 'cost_optimization_event'"
            + " AND optimization_type = 'implemented'), 0),"
            + " coalesce(sum(savings) FILTER (WHERE event = 'cost_optimization_event'"
            + " AND optimization_type IN ('identified', 'planned')), 0),"
            + " coalesce(sum(savings) FILTER (WHERE event = 'cost_optimization_event'), 0),"
            + " count(*) FILTER (WHERE event = 'strategic_decision_event')"
            + " FROM t GROUP BY ALL";

    /** The seed's cost optimization query, per tenant and category. */
    private static final String COSTS = "WITH e AS (" + VALID + "),"
            + " t AS (SELECT v[1] AS tenant, v[2] AS category, v[3] AS optimization_type,"
            + " TRY_CAST(v[4] AS DOUBLE) AS savings, TRY_CAST(v[5] AS DOUBLE) AS percentage,"
            + " TRY_CAST(v[6] AS DOUBLE) AS roi FROM (SELECT json_extract_string(properties, ['$.tenant_id',"
            + " '$.optimization_category', '$.optimization_type', '$.savings_amount', '$.savings_percentage',"
            + " '$.roi']) AS v FROM e WHERE event = 'cost_optimization_event') %s)"
            + " SELECT tenant, category, count(*), coalesce(sum(savings), 0), avg(percentage), avg(roi),"
            + " count(*) FILTER (WHERE optimization_type = 'implemented'),"
            + " count(*) FILTER (WHERE optimization_type = 'identified') FROM t GROUP BY ALL";

    /**
     * The events' own actions weighed by urgency (critical 4, high 3, medium 2, otherwise 1), the
     * same action in any case counted once, spelled as it first appeared; ties by first appearance.
     */
    private static final String ACTIONS = "WITH e AS (" + VALID + "),"
            + " a AS (SELECT happened, v[1] AS tenant, CASE CASE event"
            + " WHEN 'revenue_impact_event' THEN coalesce(v[2], v[3])"
            + " WHEN 'email_deliverability_event' THEN v[4] WHEN 'cost_optimization_event' THEN v[4]"
            + " WHEN 'operational_efficiency_event' THEN CASE WHEN v[5] = 'true' THEN 'high' END END"
            + " WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END AS weight,"
            + " list_concat(CASE WHEN event = 'revenue_impact_event' AND v[6] IS NOT NULL THEN [v[6]]"
            + " ELSE []::VARCHAR[] END, coalesce(CASE event"
            + " WHEN 'revenue_impact_event' THEN json_extract_string(properties, '$.mitigation_actions[*]')"
            + " WHEN 'cost_optimization_event' THEN json_extract_string(properties, '$.required_actions[*]')"
            + " WHEN 'operational_efficiency_event' THEN json_extract_string(properties, '$.recommendations[*]')"
            + " WHEN 'email_deliverability_event' THEN json_extract_string(properties, '$.actions_required[*]')"
            + " END, []::VARCHAR[])) AS actions"
            + " FROM (SELECT event, happened, properties, json_extract_string(properties, ['$.tenant_id',"
            + " '$.priority_level', '$.urgency_level', '$.risk_level', '$.requires_executive_attention',"
            + " '$.action_required']) AS v FROM e WHERE event <> 'strategic_decision_event'"
            + " AND event <> 'resource_usage_event') %s),"
            + " u AS (SELECT happened, weight, unnest(actions) AS action, unnest(range(len(actions))) AS position FROM a),"
            + " s AS (SELECT weight, trim(action, " + WHITESPACE + ") AS action,"
            + " CAST(epoch_us(happened) AS HUGEINT) * 1000000 + position AS appearance FROM u"
            + " WHERE action IS NOT NULL AND trim(action, " + WHITESPACE + ") <> '')"
            + " SELECT arg_min(action, appearance), sum(weight) AS weight, min(appearance) AS first FROM s"
            + " GROUP BY lower(action) ORDER BY weight DESC, first LIMIT ?";

    private final EmbeddedWarehouse warehouse;
    private final JsonMapper json;
    private final EventIssues issues;

    BusinessEventReader(EmbeddedWarehouse warehouse, JsonMapper json, EventIssues issues) {
        this.warehouse = warehouse;
        this.json = json;
        this.issues = issues;
    }

    /** What a summary is computed from, all small: per-tenant totals per half, cost rows, actions. */
    record Aggregates(
            Map<String, SummaryTotals[]> totals, List<ExecutiveSummary.CostRow> costs, List<String> actions) {}

    /**
     * The summary's aggregates, computed by DuckDB from the day rows of the typed table {@code
     * business_events} ({@link BusinessEventDays}) for the whole days inside each half of the
     * period and from the typed rows for the days it cuts (the caller has made both {@linkplain
     * BusinessEventTable#ready ready}); only the aggregate rows come back.
     *
     * @param tenantId null for every tenant
     */
    Aggregates aggregates(long workspaceId, Instant from, Instant to, String tenantId, int actionLimit) {
        Instant middle = middle(from, to);
        SummaryDays days = SummaryDays.of(from, middle, to);
        Query totals = fromDays(
                BusinessEventDays.TOTALS,
                days,
                tenantId,
                "timestamp < ? AS first_half",
                "day < ? AS first_half",
                List.of(utc(middle)),
                List.of(days.firstHalfBefore()));
        Query costs = fromDays(BusinessEventDays.COSTS, days, tenantId, "", "", List.of(), List.of());
        Query actions = fromDays(BusinessEventDays.ACTIONS, days, tenantId, "", "", List.of(), List.of());
        return warehouse.read(workspaceId, connection -> {
            Map<String, SummaryTotals[]> byTenant = new java.util.TreeMap<>();
            String totalsSql = "SELECT tenant_id, first_half, " + BusinessEventDays.TOTALS.combined() + " FROM ("
                    + totals.sql() + ") GROUP BY ALL";
            try (PreparedStatement statement = connection.prepareStatement(totalsSql)) {
                bind(statement, totals.params());
                try (ResultSet rs = statement.executeQuery()) {
                    readTotals(rs, byTenant);
                }
            }
            String costsSql = "SELECT tenant_id, optimization_category, CAST(sum(optimizations) AS BIGINT),"
                    + " sum(savings), sum(percentage_sum) / nullif(sum(percentage_count), 0),"
                    + " sum(roi_sum) / nullif(sum(roi_count), 0), CAST(sum(implemented) AS BIGINT),"
                    + " CAST(sum(identified) AS BIGINT) FROM (" + costs.sql() + ") GROUP BY ALL";
            List<ExecutiveSummary.CostRow> costRows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(costsSql)) {
                bind(statement, costs.params());
                try (ResultSet rs = statement.executeQuery()) {
                    readCosts(rs, costRows);
                }
            }
            // the same action in any case counted once, spelled as it first appeared; ties by first appearance
            String actionsSql = "SELECT arg_min(action, first), CAST(sum(weight) AS BIGINT) AS weight,"
                    + " min(first) AS first FROM (" + actions.sql() + ") GROUP BY action_key"
                    + " ORDER BY weight DESC, first LIMIT ?";
            List<String> actionTexts = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(actionsSql)) {
                int next = bind(statement, actions.params());
                statement.setInt(next, actionLimit);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        actionTexts.add(rs.getString(1));
                    }
                }
            }
            return new Aggregates(byTenant, costRows, actionTexts);
        });
    }

    /** A query and its parameters in order. */
    private record Query(String sql, List<Object> params) {}

    /**
     * One rollup's rows for the period: the day rows of its whole days, then the sums of the typed
     * rows of the stretches the day rows do not cover, in the same columns.
     */
    private static Query fromDays(
            BusinessEventDays.Rollup rollup,
            SummaryDays days,
            String tenantId,
            String rawKey,
            String dayKey,
            List<Object> rawKeyParams,
            List<Object> dayKeyParams) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String ofTenant = tenantId == null ? "" : " AND tenant_id = ?";
        if (!days.days().isEmpty()) {
            String where = days.days().stream()
                    .map(r -> "(day >= ? AND day < ?)")
                    .collect(java.util.stream.Collectors.joining(" OR ", "(", ")"));
            parts.add(rollup.stored(where + ofTenant, dayKey));
            params.addAll(dayKeyParams);
            days.days().forEach(r -> params.addAll(List.of(r.start(), r.end())));
            if (tenantId != null) {
                params.add(tenantId);
            }
        }
        if (!days.raw().isEmpty() || parts.isEmpty()) {
            String where = days.raw().isEmpty()
                    ? "false"
                    : days.raw().stream()
                            .map(r -> "(timestamp >= ? AND timestamp < ?)")
                            .collect(java.util.stream.Collectors.joining(" OR ", "(", ")"));
            parts.add(rollup.raw("(SELECT * FROM business_events WHERE " + where + ofTenant + ")", rawKey));
            params.addAll(rawKeyParams);
            days.raw().forEach(r -> params.addAll(List.of(utc(r.start()), utc(r.end()))));
            if (tenantId != null) {
                params.add(tenantId);
            }
        }
        return new Query(String.join(" UNION ALL ", parts), params);
    }

    /**
     * The same aggregates read from the events' JSON properties (the way before the typed table,
     * left out the flagged events by uuid): the parity test holds both equal; not served.
     *
     * @param tenantId null for every tenant
     */
    Aggregates aggregatesFromJson(long workspaceId, Instant from, Instant to, String tenantId, int actionLimit) {
        String flagged = String.join(",", issues.flaggedUuids(workspaceId));
        List<Object> leading = new ArrayList<>(List.of(utc(from), utc(to), flagged));
        if (tenantId != null) {
            leading.add(tenantId);
        }
        String ofTenant = tenantId == null ? "" : "WHERE v[1] = ?";
        return aggregate(
                workspaceId,
                from,
                to,
                leading,
                TOTALS.formatted(ofTenant),
                COSTS.formatted(ofTenant),
                ACTIONS.formatted(ofTenant),
                actionLimit);
    }

    /**
     * Runs the three aggregate queries; each takes the {@code leading} parameters first, then the
     * middle of the period (totals) or the number of actions (actions).
     */
    private Aggregates aggregate(
            long workspaceId,
            Instant from,
            Instant to,
            List<Object> leading,
            String totalsSql,
            String costsSql,
            String actionsSql,
            int actionLimit) {
        Instant middle = middle(from, to);
        return warehouse.read(workspaceId, connection -> {
            Map<String, SummaryTotals[]> totals = new java.util.TreeMap<>();
            try (PreparedStatement statement = connection.prepareStatement(totalsSql)) {
                int next = bind(statement, leading);
                statement.setObject(next, utc(middle));
                try (ResultSet rs = statement.executeQuery()) {
                    readTotals(rs, totals);
                }
            }
            List<ExecutiveSummary.CostRow> costs = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(costsSql)) {
                bind(statement, leading);
                try (ResultSet rs = statement.executeQuery()) {
                    readCosts(rs, costs);
                }
            }
            List<String> actions = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(actionsSql)) {
                int next = bind(statement, leading);
                statement.setInt(next, actionLimit);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        actions.add(rs.getString(1));
                    }
                }
            }
            return new Aggregates(totals, costs, actions);
        });
    }

    private static Instant middle(Instant from, Instant to) {
        return from.plus(java.time.Duration.between(from, to).dividedBy(2));
    }

    /** Rows of (tenant, first half, the 15 sums of {@link SummaryTotals} in its order). */
    private static void readTotals(ResultSet rs, Map<String, SummaryTotals[]> totals) throws java.sql.SQLException {
        while (rs.next()) {
            SummaryTotals[] halves = totals.computeIfAbsent(
                    rs.getString(1), k -> new SummaryTotals[] {SummaryTotals.NONE, SummaryTotals.NONE});
            halves[rs.getBoolean(2) ? 0 : 1] = new SummaryTotals(
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getDouble(5),
                    rs.getDouble(6),
                    rs.getLong(7),
                    rs.getDouble(8),
                    rs.getLong(9),
                    rs.getDouble(10),
                    rs.getDouble(11),
                    rs.getLong(12),
                    rs.getLong(13),
                    rs.getDouble(14),
                    rs.getDouble(15),
                    rs.getDouble(16),
                    rs.getLong(17));
        }
    }

    /** Rows of (tenant, category, count, savings, average percentage, average ROI, implemented, identified). */
    private static void readCosts(ResultSet rs, List<ExecutiveSummary.CostRow> costs) throws java.sql.SQLException {
        while (rs.next()) {
            costs.add(new ExecutiveSummary.CostRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getDouble(4),
                    rounded(rs, 5),
                    rounded(rs, 6),
                    rs.getLong(7),
                    rs.getLong(8)));
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** @return the next parameter's index */
    private static int bind(PreparedStatement statement, List<Object> values) throws java.sql.SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return values.size() + 1;
    }

    private static Double rounded(ResultSet rs, int column) throws java.sql.SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : SummaryCalculator.round(value);
    }

    /**
     * Every valid event of the period, typed (re-validated in Java): the input of the Java
     * calculation the SQL aggregates are tested against; the summary itself no longer reads this way.
     *
     * @param tenantId null for every tenant
     */
    List<DatedEvent> read(long workspaceId, Instant from, Instant to, String tenantId) {
        return warehouse.read(workspaceId, connection -> {
            String sql = "SELECT uuid, event, timestamp, properties FROM events WHERE event IN (" + NAMES + ")"
                    + " AND timestamp >= ? AND timestamp < ?"
                    + (tenantId == null ? "" : " AND json_extract_string(properties, '$.tenant_id') = ?")
                    + " ORDER BY timestamp";
            List<DatedEvent> events = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, LocalDateTime.ofInstant(from, ZoneOffset.UTC));
                statement.setObject(2, LocalDateTime.ofInstant(to, ZoneOffset.UTC));
                if (tenantId != null) {
                    statement.setString(3, tenantId);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        BusinessEventType type =
                                BusinessEventType.of(rs.getString("event")).orElseThrow();
                        JsonNode properties = json.readTree(rs.getString("properties"));
                        var result = BusinessEventValidator.validate(type, properties);
                        if (result.valid()) {
                            Instant at = rs.getObject("timestamp", LocalDateTime.class)
                                    .toInstant(ZoneOffset.UTC);
                            events.add(new DatedEvent(rs.getString("uuid"), at, result.event()));
                        }
                    }
                }
            }
            return events;
        });
    }
}
