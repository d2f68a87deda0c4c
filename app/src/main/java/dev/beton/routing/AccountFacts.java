package dev.beton.routing;

import dev.beton.dashboards.AccountHealthScores;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.signals.CompanyGroupType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the deal needs to know about accounts: the company's name and domain (its {@code
 * $groupidentify} properties in the embedded store) and its health score as of an instant — the
 * Account Health dashboard's score ({@link AccountHealthScores}, docs/DASHBOARDS.md), read from
 * the workspace's chosen source, so workspaces whose events live in PostHog or ClickHouse get it
 * too and a deal never shows another score than the dashboard.
 */
@Component
class AccountFacts {

    private static final Logger log = LoggerFactory.getLogger(AccountFacts.class);

    record Facts(String name, Optional<String> domain, Optional<Integer> health) {}

    private final EmbeddedWarehouse warehouse;
    private final AccountHealthScores healthScores;
    private final JsonMapper json;

    AccountFacts(EmbeddedWarehouse warehouse, AccountHealthScores healthScores, JsonMapper json) {
        this.warehouse = warehouse;
        this.healthScores = healthScores;
        this.json = json;
    }

    /** Facts of every account of the workspace; an account absent from the map has only its key. */
    Map<String, Facts> all(long workspaceId, Instant asOf) {
        Map<String, Integer> health = health(workspaceId, asOf);
        Map<String, Facts> facts;
        try {
            facts = warehouse.read(workspaceId, this::read);
        } catch (RuntimeException noStore) {
            // A workspace reading PostHog has no local groups: the key is all Beton knows.
            facts = new HashMap<>();
        }
        Map<String, Facts> withHealth = new HashMap<>();
        // An account with no product event in the last 30 days scores 0 (docs/DASHBOARDS.md).
        facts.forEach((key, f) ->
                withHealth.put(key, new Facts(f.name(), f.domain(), Optional.of(health.getOrDefault(key, 0)))));
        health.forEach(
                (key, h) -> withHealth.computeIfAbsent(key, k -> new Facts(k, Domains.normalise(k), Optional.of(h))));
        return withHealth;
    }

    /** Empty when the source cannot answer now: the deal then goes without a health score, not without a deal. */
    private Map<String, Integer> health(long workspaceId, Instant asOf) {
        try {
            return healthScores.asOf(workspaceId, asOf);
        } catch (RuntimeException e) {
            log.warn("Health scores of workspace {} could not be read: {}", workspaceId, e.getMessage());
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

    private Map<String, Facts> read(Connection connection) throws SQLException {
        OptionalInt index = CompanyGroupType.indexIn(groupTypes(connection));
        Map<String, Facts> facts = new HashMap<>();
        if (index.isEmpty()) {
            return facts;
        }
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
                    facts.put(key, new Facts(name, domain, Optional.empty()));
                }
            }
        }
        return facts;
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
