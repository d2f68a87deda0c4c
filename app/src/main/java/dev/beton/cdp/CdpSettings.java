package dev.beton.cdp;

import dev.beton.store.Timestamps;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code cdp_settings}: a workspace's mapping, its full-resync generation and its last run's sentence. */
@Repository
class CdpSettings {

    private static final TypeReference<Map<String, Map<String, String>>> MAPPING = new TypeReference<>() {};

    record LastRun(Instant at, String summary) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CdpSettings(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The workspace's own changes to the default mapping (empty maps: none). */
    CdpMapping overrides(long workspaceId) {
        ensure(workspaceId);
        String text = jdbc.sql("SELECT mapping FROM cdp_settings WHERE workspace_id = ?")
                .param(workspaceId)
                .query(String.class)
                .single();
        Map<String, Map<String, String>> stored = json.readValue(text, MAPPING);
        return new CdpMapping(stored.getOrDefault("companies", Map.of()), stored.getOrDefault("people", Map.of()));
    }

    CdpMapping effective(long workspaceId) {
        return overrides(workspaceId).over(CdpMapping.defaults());
    }

    void saveOverrides(long workspaceId, CdpMapping overrides) {
        ensure(workspaceId);
        jdbc.sql("UPDATE cdp_settings SET mapping = ? WHERE workspace_id = ?")
                .params(
                        json.writeValueAsString(
                                Map.of("companies", overrides.companies(), "people", overrides.people())),
                        workspaceId)
                .update();
    }

    int generation(long workspaceId) {
        ensure(workspaceId);
        return jdbc.sql("SELECT generation FROM cdp_settings WHERE workspace_id = ?")
                .param(workspaceId)
                .query(Integer.class)
                .single();
    }

    /** A full resync starts a new generation: every event gets a new uuid, so PostHog takes them again. */
    int nextGeneration(long workspaceId) {
        ensure(workspaceId);
        jdbc.sql("UPDATE cdp_settings SET generation = generation + 1 WHERE workspace_id = ?")
                .param(workspaceId)
                .update();
        return generation(workspaceId);
    }

    /** Numbers a new run, so records it reads can be told from those it did not. */
    long nextRun(long workspaceId) {
        ensure(workspaceId);
        jdbc.sql("UPDATE cdp_settings SET runs = runs + 1 WHERE workspace_id = ?")
                .param(workspaceId)
                .update();
        return jdbc.sql("SELECT runs FROM cdp_settings WHERE workspace_id = ?")
                .param(workspaceId)
                .query(Long.class)
                .single();
    }

    void finished(long workspaceId, Instant at, String summary) {
        ensure(workspaceId);
        jdbc.sql("UPDATE cdp_settings SET last_run_at = ?, last_summary = ? WHERE workspace_id = ?")
                .params(
                        Timestamps.of(at),
                        summary.length() > 2000 ? summary.substring(0, 1999) + "…" : summary,
                        workspaceId)
                .update();
    }

    Optional<LastRun> lastRun(long workspaceId) {
        return jdbc.sql("SELECT last_run_at, last_summary FROM cdp_settings WHERE workspace_id = ? AND"
                        + " last_run_at IS NOT NULL")
                .param(workspaceId)
                .query((rs, row) -> new LastRun(Timestamps.instant(rs, "last_run_at"), rs.getString("last_summary")))
                .optional();
    }

    /**
     * Which path the workspace's deals last took into PostHog ({@code warehouse_table} or
     * {@code group_properties}; empty before the first upload).
     */
    record DealsPath(
            Optional<String> path,
            Optional<String> tableId,
            String hash,
            Optional<String> note,
            Optional<Instant> at) {}

    DealsPath dealsPath(long workspaceId) {
        ensure(workspaceId);
        return jdbc.sql("SELECT deals_path, deals_table_id, deals_hash, deals_note, deals_at FROM cdp_settings"
                        + " WHERE workspace_id = ?")
                .param(workspaceId)
                .query((rs, row) -> new DealsPath(
                        Optional.ofNullable(rs.getString("deals_path")),
                        Optional.ofNullable(rs.getString("deals_table_id")),
                        rs.getString("deals_hash"),
                        Optional.ofNullable(rs.getString("deals_note")),
                        Timestamps.optionalInstant(rs, "deals_at")))
                .single();
    }

    void dealsPath(long workspaceId, String path, Optional<String> tableId, String hash, String note, Instant at) {
        ensure(workspaceId);
        jdbc.sql("UPDATE cdp_settings SET deals_path = ?, deals_table_id = ?, deals_hash = ?, deals_note = ?,"
                        + " deals_at = ? WHERE workspace_id = ?")
                .params(
                        path,
                        tableId.orElse(null),
                        hash,
                        note.length() > 2000 ? note.substring(0, 1999) + "…" : note,
                        Timestamps.of(at),
                        workspaceId)
                .update();
    }

    private void ensure(long workspaceId) {
        try {
            jdbc.sql("INSERT INTO cdp_settings (workspace_id, mapping) SELECT ?, '{}' WHERE NOT EXISTS"
                            + " (SELECT 1 FROM cdp_settings WHERE workspace_id = ?)")
                    .params(workspaceId, workspaceId)
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // Another sync of the same workspace created the row at the same moment: it exists.
        }
    }
}
