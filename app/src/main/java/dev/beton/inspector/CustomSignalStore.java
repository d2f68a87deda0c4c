package dev.beton.inspector;

import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code custom_signals} table: one promotion per rule. */
@Repository
class CustomSignalStore {

    /** A row as stored; the rule's name and version are read with the rule. */
    record Row(
            long ruleId,
            String signalKey,
            int baseScore,
            boolean enabled,
            int cooldownDays,
            Instant promotedAt,
            Optional<String> promotedBy) {}

    private final JdbcClient jdbc;

    CustomSignalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> all(long workspaceId) {
        return jdbc.sql("SELECT rule_id, signal_key, base_score, enabled, cooldown_days, promoted_at, promoted_by"
                        + " FROM custom_signals WHERE workspace_id = ? ORDER BY signal_key")
                .param(workspaceId)
                .query(CustomSignalStore::row)
                .list();
    }

    Optional<Row> byRule(long workspaceId, long ruleId) {
        return jdbc.sql("SELECT rule_id, signal_key, base_score, enabled, cooldown_days, promoted_at, promoted_by"
                        + " FROM custom_signals WHERE workspace_id = ? AND rule_id = ?")
                .params(workspaceId, ruleId)
                .query(CustomSignalStore::row)
                .optional();
    }

    /** Promotes the rule, or changes its promotion's base score and switch (keeping when and by whom). */
    @Transactional
    Row save(long workspaceId, Row row) {
        int updated = jdbc.sql("UPDATE custom_signals SET base_score = ?, enabled = ?, cooldown_days = ?"
                        + " WHERE workspace_id = ? AND rule_id = ?")
                .params(row.baseScore(), row.enabled(), row.cooldownDays(), workspaceId, row.ruleId())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO custom_signals (rule_id, workspace_id, signal_key, base_score, enabled,"
                            + " cooldown_days, promoted_at, promoted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            row.ruleId(),
                            workspaceId,
                            row.signalKey(),
                            row.baseScore(),
                            row.enabled(),
                            row.cooldownDays(),
                            Timestamps.of(row.promotedAt()),
                            row.promotedBy().orElse(null))
                    .update();
        }
        return byRule(workspaceId, row.ruleId()).orElseThrow();
    }

    boolean delete(long workspaceId, long ruleId) {
        return jdbc.sql("DELETE FROM custom_signals WHERE workspace_id = ? AND rule_id = ?")
                        .params(workspaceId, ruleId)
                        .update()
                > 0;
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(
                rs.getLong("rule_id"),
                rs.getString("signal_key"),
                rs.getInt("base_score"),
                rs.getBoolean("enabled"),
                rs.getInt("cooldown_days"),
                Timestamps.instant(rs, "promoted_at"),
                Optional.ofNullable(rs.getString("promoted_by")));
    }
}
