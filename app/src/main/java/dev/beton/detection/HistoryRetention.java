package dev.beton.detection;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.store.Timestamps;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes detection history older than {@link RetentionProperties#detectionHistory()}: signal
 * outcomes, score receipts and the recorded queries of old runs in Beton's database, and old
 * {@code beton_signal_fired} events in the workspace's warehouse. The run records themselves (one
 * row a run, and the job history) stay, so the Runs page still shows that a run happened.
 */
@Component
class HistoryRetention {

    /** What one enforcement removed. */
    record Removed(int outcomes, int receipts, int queries, int firedEvents) {}

    private final RetentionProperties retention;
    private final JdbcClient jdbc;
    private final EmbeddedWarehouse warehouse;
    private final TransactionTemplate transactions;

    HistoryRetention(
            RetentionProperties retention,
            JdbcClient jdbc,
            EmbeddedWarehouse warehouse,
            TransactionTemplate transactions) {
        this.retention = retention;
        this.jdbc = jdbc;
        this.warehouse = warehouse;
        this.transactions = transactions;
    }

    Removed enforce(long workspaceId, Instant now) {
        if (retention.keepsEverything()) {
            return new Removed(0, 0, 0, 0);
        }
        Instant cutoff = now.minus(retention.detectionHistory());
        Removed kept = transactions.execute(status -> new Removed(
                delete("DELETE FROM signal_outcomes WHERE workspace_id = ? AND as_of < ?", workspaceId, cutoff),
                delete("DELETE FROM score_receipts WHERE workspace_id = ? AND as_of < ?", workspaceId, cutoff),
                delete(
                        "DELETE FROM detection_run_queries WHERE run_id IN (SELECT id FROM detection_runs"
                                + " WHERE workspace_id = ? AND as_of < ?)",
                        workspaceId,
                        cutoff),
                0));
        int fired = warehouse.write(workspaceId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM events WHERE event = 'beton_signal_fired' AND timestamp < ?")) {
                statement.setObject(1, LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                return statement.executeUpdate();
            }
        });
        return new Removed(kept.outcomes(), kept.receipts(), kept.queries(), fired);
    }

    private int delete(String sql, long workspaceId, Instant cutoff) {
        return jdbc.sql(sql).params(workspaceId, Timestamps.of(cutoff)).update();
    }
}
