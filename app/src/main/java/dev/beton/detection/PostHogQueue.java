package dev.beton.detection;

import dev.beton.posthog.PostHogCaptureEvent;
import dev.beton.store.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The durable PostHog outbox for features other than detection (the CRM → analytics sync, business
 * events): they
 * queue capture events here and the outbox's delivery task sends them, with the same backoff,
 * bounded attempts and uuid-based idempotence as signals and scores.
 */
@Component
public class PostHogQueue {

    /** What the CRM rows of a workspace's outbox hold, in events (a row may hold a page of them). */
    public record Deliveries(long pending, long sent, long abandoned, Optional<String> lastError) {}

    private final PostHogOutbox outbox;
    private final PostHogDelivery delivery;
    private final JdbcClient jdbc;
    private final Clock clock;

    PostHogQueue(PostHogOutbox outbox, PostHogDelivery delivery, JdbcClient jdbc, Clock clock) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Queues a page of CRM events as one outbox row (sent, retried and abandoned together), unless
     * the same page was queued before; @return how many events were queued.
     */
    public int enqueueCrm(long workspaceId, List<PostHogCaptureEvent> events) {
        return outbox.enqueueGroup(workspaceId, OutboxEntry.CRM, events, clock.instant());
    }

    /**
     * Queues business events (issue 18) not queued before (by their own uuid, so PostHog collapses
     * a resend): @return how many were new.
     */
    public int enqueueBusinessEvents(long workspaceId, List<PostHogCaptureEvent> events) {
        return outbox.enqueue(workspaceId, null, OutboxEntry.BUSINESS, events, clock.instant());
    }

    /**
     * Makes abandoned CRM rows with these (row) uuids due again (a rerun after PostHog was down for longer
     * than the attempts lasted): @return how many.
     */
    public int rearm(long workspaceId, Collection<String> uuids) {
        int rearmed = 0;
        Instant now = clock.instant();
        for (String uuid : uuids) {
            rearmed += jdbc.sql("UPDATE posthog_outbox SET abandoned_at = NULL, attempts = 0, next_attempt_at = ?"
                            + " WHERE workspace_id = ? AND event_uuid = ? AND kind = 'crm' AND sent_at IS NULL"
                            + " AND abandoned_at IS NOT NULL")
                    .params(Timestamps.of(now), workspaceId, uuid)
                    .update();
        }
        return rearmed;
    }

    /** uuids of the workspace's CRM outbox rows PostHog never took (attempts used up or refused). */
    public List<String> abandoned(long workspaceId) {
        return jdbc.sql("SELECT event_uuid FROM posthog_outbox WHERE workspace_id = ? AND kind = 'crm'"
                        + " AND abandoned_at IS NOT NULL AND sent_at IS NULL")
                .param(workspaceId)
                .query(String.class)
                .list();
    }

    public Deliveries crmDeliveries(long workspaceId) {
        long[] counts = new long[3];
        jdbc.sql("SELECT CASE WHEN sent_at IS NOT NULL THEN 1 WHEN abandoned_at IS NOT NULL THEN 2 ELSE 0 END AS s,"
                        + " SUM(events) AS n FROM posthog_outbox WHERE workspace_id = ? AND kind = 'crm' GROUP BY"
                        + " CASE WHEN sent_at IS NOT NULL THEN 1 WHEN abandoned_at IS NOT NULL THEN 2 ELSE 0 END")
                .param(workspaceId)
                .query(rs -> {
                    counts[rs.getInt("s")] = rs.getLong("n");
                });
        Optional<String> lastError = jdbc.sql("SELECT last_error FROM posthog_outbox WHERE workspace_id = ? AND"
                        + " kind = 'crm' AND sent_at IS NULL AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1")
                .param(workspaceId)
                .query(String.class)
                .optional();
        return new Deliveries(counts[0], counts[1], counts[2], lastError);
    }

    /** Sends what is due now (every workspace's), as the recurring task would: @return events accepted. */
    public int deliverNow() {
        return delivery.deliverDue();
    }
}
