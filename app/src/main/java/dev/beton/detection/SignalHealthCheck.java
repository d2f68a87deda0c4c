package dev.beton.detection;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.signals.CompanyGroupType;
import dev.beton.signals.EventMapping;
import dev.beton.signals.SignalType;
import dev.beton.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what each signal needs from the workspace's warehouse (event names of the last 30 days,
 * company group properties) and when each type last fired; {@link SignalHealthRules} turns that
 * into one sentence per type that cannot fire.
 */
@Component
public class SignalHealthCheck {

    static final Duration LOOKBACK = Duration.ofDays(30);

    private final EmbeddedWarehouse warehouse;
    private final SignalSettingsStore settings;
    private final JdbcClient jdbc;

    SignalHealthCheck(EmbeddedWarehouse warehouse, SignalSettingsStore settings, JdbcClient jdbc) {
        this.warehouse = warehouse;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    /** Every signal type, in catalogue order. */
    public List<SignalHealth> of(long workspaceId, Instant now) {
        EventMapping mapping = settings.current(workspaceId).events();
        WarehouseFacts facts = facts(workspaceId, mapping, now);
        Map<SignalType, Instant> lastFired = lastFired(workspaceId);
        List<SignalHealth> health = new ArrayList<>();
        for (SignalType type : SignalType.builtIns()) {
            health.add(new SignalHealth(
                    type, Optional.ofNullable(lastFired.get(type)), SignalHealthRules.problem(type, mapping, facts)));
        }
        return health;
    }

    /** Per pattern or event name of the mapping: how many events matched in the last 7 days. */
    public Map<String, Long> preview(long workspaceId, EventMapping mapping, Instant now) {
        return warehouse.read(workspaceId, connection -> {
            Map<String, Long> matches = new LinkedHashMap<>();
            LocalDateTime since = utc(now.minus(Duration.ofDays(7)));
            LocalDateTime until = utc(now);
            for (String pattern : mapping.pricingUrlPatterns()) {
                matches.put(
                        "pricing: " + pattern,
                        count(
                                connection,
                                "SELECT count(*) FROM events WHERE event = ? AND json_extract_string(properties,"
                                        + " '$.\"$current_url\"') LIKE ? AND timestamp >= ? AND timestamp < ?",
                                mapping.pageviewEvent(),
                                pattern,
                                since,
                                until));
            }
            for (String list : List.of("feature", "support", "billing")) {
                List<String> names =
                        switch (list) {
                            case "feature" -> mapping.featureEvents();
                            case "support" -> mapping.supportEvents();
                            default -> mapping.billingEvents();
                        };
                for (String name : names) {
                    matches.put(
                            list + ": " + name,
                            count(
                                    connection,
                                    "SELECT count(*) FROM events WHERE event = ? AND timestamp >= ? AND timestamp < ?",
                                    name,
                                    since,
                                    until));
                }
            }
            return matches;
        });
    }

    private WarehouseFacts facts(long workspaceId, EventMapping mapping, Instant now) {
        return warehouse.read(workspaceId, connection -> {
            Map<String, Long> events = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT event, count(*) FROM events"
                    + " WHERE timestamp >= ? AND timestamp < ? AND event <> 'beton_signal_fired' GROUP BY event")) {
                statement.setObject(1, utc(now.minus(LOOKBACK)));
                statement.setObject(2, utc(now));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        events.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            OptionalInt company = CompanyGroupType.indexIn(groupTypes(connection));
            long pricingViews = 0;
            for (String pattern : mapping.pricingUrlPatterns()) {
                pricingViews += count(
                        connection,
                        "SELECT count(*) FROM events WHERE event = ? AND json_extract_string(properties,"
                                + " '$.\"$current_url\"') LIKE ? AND timestamp >= ? AND timestamp < ?",
                        mapping.pageviewEvent(),
                        pattern,
                        utc(now.minus(LOOKBACK)),
                        utc(now));
            }
            Map<String, Long> groupProperties = new HashMap<>();
            if (company.isPresent()) {
                for (String property :
                        List.of(mapping.planUsageProperty(), mapping.planLimitProperty(), mapping.trialEndProperty())) {
                    groupProperties.put(
                            property,
                            count(
                                    connection,
                                    "SELECT count(*) FROM groups WHERE group_type_index = ? AND"
                                            + " json_extract_string(properties, ?) IS NOT NULL",
                                    company.getAsInt(),
                                    "$.\"" + property + "\""));
                }
            }
            return new WarehouseFacts(events, company.isPresent(), pricingViews, groupProperties);
        });
    }

    private Map<SignalType, Instant> lastFired(long workspaceId) {
        Map<SignalType, Instant> last = new TreeMap<>();
        jdbc.sql("SELECT signal_type, max(as_of) AS last_fired FROM signal_outcomes WHERE workspace_id = ?"
                        + " AND status = ? GROUP BY signal_type")
                .params(workspaceId, SignalStore.FIRED)
                .query(rs -> {
                    SignalType type = SignalType.fromKey(rs.getString("signal_type"));
                    Timestamps.optionalInstant(rs, "last_fired").ifPresent(at -> last.put(type, at));
                });
        return last;
    }

    private static long count(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Map<Integer, String> groupTypes(Connection connection) throws SQLException {
        Map<Integer, String> types = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT group_type_index, group_type FROM group_types")) {
            while (rows.next()) {
                types.put(rows.getInt(1), rows.getString(2));
            }
        }
        return types;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * What the warehouse holds for the health rules.
     *
     * @param eventCounts events of the last 30 days by name (Beton's own excluded)
     * @param hasCompanyGroup whether a {@code company} group type exists
     * @param pricingViews page views matching a pricing pattern in the last 30 days
     * @param groupPropertyCounts company groups that hold each mapped property
     */
    record WarehouseFacts(
            Map<String, Long> eventCounts,
            boolean hasCompanyGroup,
            long pricingViews,
            Map<String, Long> groupPropertyCounts) {}
}
