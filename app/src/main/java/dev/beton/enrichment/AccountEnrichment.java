package dev.beton.enrichment;

import dev.beton.events.AccountActivity;
import dev.beton.events.AccountSort;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.WorkspaceOverview;
import dev.beton.store.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each account's firmographics as of now: from Attio when the CDP sync mirrored the company
 * (warehouse view {@code crm_company_history}, the version valid now), else the simulated values
 * the demo's "Simulate enrichment" stored. Attio always wins over the simulation.
 */
@Service
public class AccountEnrichment {

    private static final String ATTIO_SQL = """
            SELECT company_key,
                   json_extract_string(crm_properties, '$.attio_industry') AS industry,
                   json_extract_string(crm_properties, '$.attio_employee_range') AS employee_range,
                   json_extract_string(crm_properties, '$.attio_arr') AS arr,
                   json_extract_string(crm_properties, '$.attio_location') AS location,
                   json_extract_string(crm_properties, '$.attio_owner') AS owner
            FROM crm_company_history
            WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) AND NOT deleted
            """;

    private final EmbeddedWarehouse warehouse;
    private final WorkspaceOverview overview;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AccountEnrichment(
            EmbeddedWarehouse warehouse, WorkspaceOverview overview, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.warehouse = warehouse;
        this.overview = overview;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Every enriched account of the workspace, by account key. */
    public Map<String, Firmographics> all(long workspaceId) {
        Map<String, Firmographics> all = new LinkedHashMap<>(simulated(workspaceId));
        all.putAll(fromAttio(workspaceId, clock.instant()));
        return all;
    }

    public Optional<Firmographics> of(long workspaceId, String accountKey) {
        return Optional.ofNullable(all(workspaceId).get(accountKey));
    }

    /** How many accounts carry simulated values. */
    public int simulatedCount(long workspaceId) {
        return jdbc.sql("SELECT count(*) FROM simulated_enrichment WHERE workspace_id = ?")
                .param(workspaceId)
                .query(Integer.class)
                .single();
    }

    /**
     * Stores simulated firmographics for every account of the workspace (replacing earlier ones;
     * the values are the same each time, they depend on the account key only).
     *
     * @return how many accounts were enriched
     */
    @Transactional
    public int simulate(long workspaceId) {
        Instant now = clock.instant();
        List<AccountActivity> accounts = overview.accounts(workspaceId, AccountSort.KEY, false, now);
        jdbc.sql("DELETE FROM simulated_enrichment WHERE workspace_id = ?")
                .param(workspaceId)
                .update();
        for (AccountActivity account : accounts) {
            Firmographics f = SimulatedFirmographics.of(account.key());
            jdbc.sql("INSERT INTO simulated_enrichment (workspace_id, account_key, industry, employee_range, arr_usd,"
                            + " location, owner, enriched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            workspaceId,
                            account.key(),
                            f.industry().orElseThrow(),
                            f.employeeRange().orElseThrow(),
                            f.arrUsd().orElseThrow(),
                            f.location().orElseThrow(),
                            f.owner().orElseThrow(),
                            Timestamps.of(now))
                    .update();
        }
        return accounts.size();
    }

    /** Removes the simulated values (Attio values are untouched). */
    public void clearSimulated(long workspaceId) {
        jdbc.sql("DELETE FROM simulated_enrichment WHERE workspace_id = ?")
                .param(workspaceId)
                .update();
    }

    private Map<String, Firmographics> simulated(long workspaceId) {
        Map<String, Firmographics> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM simulated_enrichment WHERE workspace_id = ? ORDER BY account_key")
                .param(workspaceId)
                .query((ResultSet rs) -> {
                    String key = rs.getString("account_key");
                    rows.put(
                            key,
                            new Firmographics(
                                    key,
                                    Firmographics.Source.SIMULATED,
                                    Optional.of(rs.getString("industry")),
                                    Optional.of(rs.getString("employee_range")),
                                    Optional.of(rs.getLong("arr_usd")),
                                    Optional.of(rs.getString("location")),
                                    Optional.of(rs.getString("owner"))));
                });
        return rows;
    }

    private Map<String, Firmographics> fromAttio(long workspaceId, Instant asOf) {
        return warehouse.read(workspaceId, connection -> {
            Map<String, Firmographics> rows = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(ATTIO_SQL)) {
                LocalDateTime at = LocalDateTime.ofInstant(asOf, ZoneOffset.UTC);
                statement.setObject(1, at);
                statement.setObject(2, at);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString("company_key");
                        rows.put(
                                key,
                                new Firmographics(
                                        key,
                                        Firmographics.Source.ATTIO,
                                        text(rs.getString("industry")),
                                        text(rs.getString("employee_range")),
                                        text(rs.getString("arr")).flatMap(AccountEnrichment::dollars),
                                        text(rs.getString("location")),
                                        text(rs.getString("owner"))));
                    }
                }
            }
            return rows;
        });
    }

    /** A CRM value as one line: lists (Attio categories) joined, objects (locations) by their text fields. */
    private Optional<String> text(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        if (!trimmed.startsWith("[") && !trimmed.startsWith("{")) {
            return Optional.of(trimmed);
        }
        JsonNode node = json.readTree(trimmed);
        List<String> parts = new java.util.ArrayList<>();
        for (JsonNode part : node) {
            if (part.isValueNode() && !part.asString().isBlank()) {
                parts.add(part.asString());
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    private static Optional<Long> dollars(String value) {
        try {
            return Optional.of(Math.round(Double.parseDouble(value.replace(",", ""))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
