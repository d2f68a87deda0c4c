package dev.beton.detection;

import dev.beton.signals.CooldownKey;
import dev.beton.signals.DetectedSignal;
import dev.beton.signals.ScoreReceipt;
import dev.beton.signals.SignalOutcome;
import dev.beton.signals.SignalRun;
import dev.beton.signals.SignalType;
import dev.beton.store.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's outcomes and score receipts, and reads back the last firings the cooldown needs.
 * A rerun as of an instant already stored replaces what was stored for that instant, so reruns
 * are reproducible and never duplicate.
 */
@Repository
class SignalStore {

    static final String FIRED = "fired";
    static final String SUPPRESSED = "suppressed";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    SignalStore(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transaction, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = transaction;
        this.json = json;
    }

    /** Last firing per (account, type) strictly before {@code asOf}; suppressions do not count. */
    Map<CooldownKey, Instant> lastFired(long workspaceId, Instant asOf) {
        Map<CooldownKey, Instant> last = new HashMap<>();
        jdbc.sql("SELECT account_key, signal_type, max(as_of) AS last_fired FROM signal_outcomes"
                        + " WHERE workspace_id = ? AND status = ? AND as_of < ? GROUP BY account_key, signal_type")
                .params(workspaceId, FIRED, Timestamps.of(asOf))
                .query(rs -> {
                    last.put(
                            new CooldownKey(
                                    rs.getString("account_key"), SignalType.fromKey(rs.getString("signal_type"))),
                            Timestamps.instant(rs, "last_fired"));
                });
        return last;
    }

    void replace(long workspaceId, long runId, SignalRun run) {
        OffsetDateTime asOf = Timestamps.of(run.asOf());
        transaction.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM signal_outcomes WHERE workspace_id = ? AND as_of = ?")
                    .params(workspaceId, asOf)
                    .update();
            jdbc.sql("DELETE FROM score_receipts WHERE workspace_id = ? AND as_of = ?")
                    .params(workspaceId, asOf)
                    .update();
            insertOutcomes(workspaceId, runId, run.outcomes());
            insertReceipts(workspaceId, runId, run.receipts());
        });
    }

    private void insertOutcomes(long workspaceId, long runId, List<SignalOutcome> outcomes) {
        List<Object[]> rows = new ArrayList<>(outcomes.size());
        for (SignalOutcome outcome : outcomes) {
            DetectedSignal s = outcome.signal();
            Instant lastFired = outcome instanceof SignalOutcome.Suppressed sup ? sup.lastFiredAt() : null;
            Instant cooldownEnds = outcome instanceof SignalOutcome.Suppressed sup ? sup.cooldownEndsAt() : null;
            rows.add(new Object[] {
                workspaceId,
                runId,
                s.accountKey(),
                s.type().key(),
                outcome instanceof SignalOutcome.Fired ? FIRED : SUPPRESSED,
                Timestamps.of(s.asOf()),
                s.baseScore(),
                s.measure(),
                s.threshold(),
                s.definitionReference(),
                clip(s.evidence().summary(), 2000),
                json.writeValueAsString(s.evidence()),
                lastFired == null ? null : Timestamps.of(lastFired),
                cooldownEnds == null ? null : Timestamps.of(cooldownEnds)
            });
        }
        batch.batchUpdate(
                "INSERT INTO signal_outcomes (workspace_id, run_id, account_key, signal_type, status, as_of,"
                        + " base_score, measure, threshold, definition, evidence_summary, evidence, last_fired_at,"
                        + " cooldown_ends_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
    }

    private void insertReceipts(long workspaceId, long runId, List<ScoreReceipt> receipts) {
        List<Object[]> rows = new ArrayList<>(receipts.size());
        for (ScoreReceipt receipt : receipts) {
            rows.add(new Object[] {
                workspaceId,
                runId,
                receipt.accountKey(),
                Timestamps.of(receipt.asOf()),
                receipt.score(),
                typesOf(receipt),
                receipt.hot(),
                json.writeValueAsString(receipt)
            });
        }
        batch.batchUpdate(
                "INSERT INTO score_receipts (workspace_id, run_id, account_key, as_of, score, signal_types, hot,"
                        + " receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
    }

    static String typesOf(ScoreReceipt receipt) {
        return receipt.lines().stream()
                .map(line -> line.type().key())
                .distinct()
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
