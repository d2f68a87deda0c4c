package dev.beton.bizevents;

import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The durable queue of webhook posts ({@code business_alert_deliveries}). */
@Repository
class WebhookDeliveries {

    /**
     * @param status pending, sent or abandoned
     * @param attempts posts tried so far
     */
    record Delivery(
            long id,
            long workspaceId,
            long alertId,
            String payload,
            String status,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant createdAt,
            Instant sentAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    WebhookDeliveries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues a post of the alert, due now, and marks the alert's webhook outcome pending. */
    @Transactional
    long enqueue(long workspaceId, long alertId, String payload) {
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO business_alert_deliveries (workspace_id, alert_id, payload, status, attempts,"
                        + " next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)")
                .params(workspaceId, alertId, payload, Timestamps.of(now), Timestamps.of(now))
                .update(keys, "id");
        outcome(alertId, "pending");
        return keys.getKey().longValue();
    }

    /**
     * Takes a due delivery for one attempt: moves its next attempt past the lease, only if it is
     * still pending and due. The conditional UPDATE is the lock; a node that loses gets false.
     */
    boolean claim(long id, Instant now, Duration lease) {
        return jdbc.sql("UPDATE business_alert_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending'"
                                + " AND next_attempt_at <= ?")
                        .params(Timestamps.of(now.plus(lease)), id, Timestamps.of(now))
                        .update()
                == 1;
    }

    List<Delivery> due(Instant now, int limit) {
        return jdbc.sql("SELECT * FROM business_alert_deliveries WHERE status = 'pending' AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at, id LIMIT " + Math.max(1, limit))
                .param(Timestamps.of(now))
                .query(WebhookDeliveries::delivery)
                .list();
    }

    java.util.Optional<Delivery> byId(long id) {
        return jdbc.sql("SELECT * FROM business_alert_deliveries WHERE id = ?")
                .param(id)
                .query(WebhookDeliveries::delivery)
                .optional();
    }

    List<Delivery> recent(long workspaceId, int limit) {
        return jdbc.sql("SELECT * FROM business_alert_deliveries WHERE workspace_id = ? ORDER BY id DESC LIMIT "
                        + Math.max(1, Math.min(limit, 500)))
                .param(workspaceId)
                .query(WebhookDeliveries::delivery)
                .list();
    }

    @Transactional
    void sent(Delivery delivery, Instant now) {
        jdbc.sql("UPDATE business_alert_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ?,"
                        + " last_error = NULL WHERE id = ?")
                .params(Timestamps.of(now), delivery.id())
                .update();
        outcome(delivery.alertId(), "sent");
    }

    void retryLater(Delivery delivery, String error, Instant next) {
        jdbc.sql("UPDATE business_alert_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                        + " WHERE id = ?")
                .params(Alerts.clip(error, 1000), Timestamps.of(next), delivery.id())
                .update();
    }

    @Transactional
    void abandon(Delivery delivery, String error) {
        jdbc.sql("UPDATE business_alert_deliveries SET status = 'abandoned', attempts = attempts + 1, last_error = ?"
                        + " WHERE id = ?")
                .params(Alerts.clip(error, 1000), delivery.id())
                .update();
        outcome(delivery.alertId(), "abandoned");
    }

    private void outcome(long alertId, String outcome) {
        jdbc.sql("UPDATE business_alerts SET webhook = ? WHERE id = ?")
                .params(outcome, alertId)
                .update();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getLong("id"),
                rs.getLong("workspace_id"),
                rs.getLong("alert_id"),
                rs.getString("payload"),
                rs.getString("status"),
                rs.getInt("attempts"),
                Timestamps.instant(rs, "next_attempt_at"),
                rs.getString("last_error"),
                Timestamps.instant(rs, "created_at"),
                Timestamps.optionalInstant(rs, "sent_at").orElse(null));
    }
}
