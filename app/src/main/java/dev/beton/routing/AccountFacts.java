package dev.beton.routing;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.signals.CompanyGroupType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the deal needs to know about accounts from the workspace's event store: the company's
 * name and domain (its {@code $groupidentify} properties) and its health score as of an instant.
 *
 * <p>The health score (0–100) is Beton's definition (seed README §7): four parts of 25 points —
 * usage trend (events in the last 14 days against the 14 before: flat is 12.5, doubling or more
 * is 25), active users in the last 30 days (5 or more is 25), recency (25 on the day of the last
 * event, falling to 0 after 30 days) and feature breadth (distinct product events in 30 days,
 * 10 or more is 25). Only events before {@code asOf} count.
 */
@Component
class AccountFacts {

    record Facts(String name, Optional<String> domain, Optional<Integer> health) {}

    private final EmbeddedWarehouse warehouse;
    private final JsonMapper json;

    AccountFacts(EmbeddedWarehouse warehouse, JsonMapper json) {
        this.warehouse = warehouse;
        this.json = json;
    }

    /** Facts of every account of the workspace; an account absent from the map has only its key. */
    Map<String, Facts> all(long workspaceId, Instant asOf) {
        try {
            return warehouse.read(workspaceId, connection -> read(connection, asOf));
        } catch (RuntimeException noStore) {
            // A workspace reading PostHog has no local groups: the key is all Beton knows.
            return Map.of();
        }
    }

    /**
     * Normalised domain → account key, for every company group with a domain (its {@code domain}
     * property, else its key); when several accounts share a domain, the first key in order wins.
     */
    Map<String, String> accountsByDomain(long workspaceId) {
        try {
            return warehouse.read(workspaceId, connection -> {
                Map<String, String> byDomain = new java.util.TreeMap<>();
                OptionalInt index = CompanyGroupType.indexIn(groupTypes(connection));
                if (index.isEmpty()) {
                    return byDomain;
                }
                try (PreparedStatement statement = connection.prepareStatement("SELECT group_key,"
                        + " CAST(properties AS VARCHAR) FROM groups WHERE group_type_index = ? ORDER BY group_key")) {
                    statement.setInt(1, index.getAsInt());
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            String key = rows.getString(1);
                            String properties = rows.getString(2);
                            JsonNode p = properties == null ? json.createObjectNode() : json.readTree(properties);
                            Domains.normalise(p.path("domain").asString(""))
                                    .or(() -> Domains.normalise(key))
                                    .ifPresent(d -> byDomain.putIfAbsent(d, key));
                        }
                    }
                }
                return byDomain;
            });
        } catch (RuntimeException noStore) {
            return Map.of();
        }
    }

    static Facts fallback(String accountKey) {
        return new Facts(accountKey, Domains.normalise(accountKey), Optional.empty());
    }

    private Map<String, Facts> read(Connection connection, Instant asOf) throws SQLException {
        OptionalInt index = CompanyGroupType.indexIn(groupTypes(connection));
        Map<String, Facts> facts = new HashMap<>();
        if (index.isEmpty()) {
            return facts;
        }
        Map<String, Integer> health = health(connection, index.getAsInt(), asOf);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT group_key, CAST(properties AS VARCHAR) FROM groups WHERE group_type_index = ?")) {
            statement.setInt(1, index.getAsInt());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    String properties = rows.getString(2);
                    JsonNode p = properties == null ? json.createObjectNode() : json.readTree(properties);
                    String name = p.path("name").asString("").isBlank()
                            ? key
                            : p.path("name").asString();
                    Optional<String> domain =
                            Domains.normalise(p.path("domain").asString("")).or(() -> Domains.normalise(key));
                    facts.put(key, new Facts(name, domain, Optional.ofNullable(health.get(key))));
                }
            }
        }
        health.forEach((key, h) -> facts.computeIfAbsent(key, k -> new Facts(k, Domains.normalise(k), Optional.of(h))));
        return facts;
    }

    private static Map<String, Integer> health(Connection connection, int index, Instant asOf) throws SQLException {
        String column = "\"$group_" + index + "\"";
        String sql = """
                SELECT %1$s AS account,
                       count(*) FILTER (WHERE timestamp >= ?) AS recent,
                       count(*) FILTER (WHERE timestamp < ?) AS before,
                       count(DISTINCT distinct_id) AS users,
                       max(timestamp) AS last_seen,
                       count(DISTINCT event) FILTER (WHERE event NOT LIKE '$%%' AND event NOT LIKE 'beton_%%') AS features
                FROM events WHERE %1$s IS NOT NULL AND timestamp >= ? AND timestamp < ?
                GROUP BY 1
                """.formatted(column);
        LocalDateTime end = LocalDateTime.ofInstant(asOf, ZoneOffset.UTC);
        Map<String, Integer> scores = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, end.minusDays(14));
            statement.setObject(2, end.minusDays(14));
            statement.setObject(3, end.minusDays(30));
            statement.setObject(4, end);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    LocalDateTime last = rows.getObject("last_seen", LocalDateTime.class);
                    long days = ChronoUnit.DAYS.between(last, end);
                    scores.put(
                            rows.getString("account"),
                            score(
                                    rows.getLong("recent"),
                                    rows.getLong("before"),
                                    rows.getLong("users"),
                                    days,
                                    rows.getLong("features")));
                }
            }
        }
        return scores;
    }

    static int score(long recent, long before, long users, long daysSinceLast, long features) {
        double trend = before == 0 ? (recent > 0 ? 25 : 0) : Math.min(25, 12.5 * recent / before);
        double active = Math.min(25, 5.0 * users);
        double recency = 25 * Math.max(0, 1 - daysSinceLast / 30.0);
        double breadth = Math.min(25, 2.5 * features);
        return (int) Math.round(trend + active + recency + breadth);
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
}
