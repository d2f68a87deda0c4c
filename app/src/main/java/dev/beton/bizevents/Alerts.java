package dev.beton.bizevents;

import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The alerts raised in a workspace. Raised as business events arrive, from several requests' threads
 * at once: {@link #raise} locks per workspace and rule, so "find the open alert, else insert"
 * cannot race.
 */
@Repository
class Alerts {

    /** A repeat of an open alert within this window counts up instead of alerting again. */
    static final Duration DEDUP_WINDOW = Duration.ofHours(1);

    /** @param fresh false when the event only counted up an open alert */
    record Raised(Alert alert, boolean fresh) {}

    /**
     * Alert fatigue: how many were raised, sent (mailed at once, posted to the webhook, in a weekly
     * digest), acknowledged and resolved in a period.
     */
    record Fatigue(
            long raised,
            long notified,
            long acknowledged,
            long resolved,
            long rateLimited,
            long webhooked,
            long digested) {

        /** Alerts that reached someone by any channel beyond in-app. */
        public long sent() {
            return notified + digested + webhooked;
        }

        /** Acknowledged per alert raised, 0–100 (the lower, the more alerts nobody looks at). */
        public long acknowledgedPercent() {
            return raised == 0 ? 0 : Math.round(100.0 * acknowledged / raised);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Alerts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Raises (or counts up) the alert of a rule for a tenant.
     *
     * @param notification how it is delivered beyond in-app (decided by the caller from tier and
     *     rate limit); used only for a fresh alert
     */
    Optional<Raised> raise(
            long workspaceId,
            AlertRule rule,
            String tenantId,
            String eventName,
            String eventUuid,
            String title,
            String detail,
            java.util.function.Supplier<String> notification) {
        // Requests' arrivals run side by side: one rule of a workspace raises one alert at a time,
        // so the de-duplication and the rate limit count what the other one just wrote.
        // (a lock, not synchronized: these run on virtual threads and wait on JDBC inside)
        var stripe = STRIPES[Math.floorMod(java.util.Objects.hash(workspaceId, rule), STRIPES.length)];
        stripe.lock();
        try {
            return raiseAlone(workspaceId, rule, tenantId, eventName, eventUuid, title, detail, notification);
        } finally {
            stripe.unlock();
        }
    }

    private static final java.util.concurrent.locks.ReentrantLock[] STRIPES = java.util.stream.Stream.generate(
                    java.util.concurrent.locks.ReentrantLock::new)
            .limit(64)
            .toArray(java.util.concurrent.locks.ReentrantLock[]::new);

    private Optional<Raised> raiseAlone(
            long workspaceId,
            AlertRule rule,
            String tenantId,
            String eventName,
            String eventUuid,
            String title,
            String detail,
            java.util.function.Supplier<String> notification) {
        Instant now = clock.instant();
        Optional<Alert> open = jdbc.sql("SELECT * FROM business_alerts WHERE workspace_id = ? AND rule_key = ?"
                        + " AND tenant_id = ? AND resolved_at IS NULL AND last_seen_at >= ? ORDER BY id DESC")
                .params(workspaceId, rule.key(), clip(tenantId, 200), Timestamps.of(now.minus(DEDUP_WINDOW)))
                .query(Alerts::alert)
                .optional();
        if (open.isPresent()) {
            if (open.get().eventUuid().equals(eventUuid)) {
                return Optional.empty(); // the same event delivered again (a retry): nothing new
            }
            jdbc.sql("UPDATE business_alerts SET occurrences = occurrences + 1, last_seen_at = ?, event_uuid = ?,"
                            + " detail = ? WHERE id = ?")
                    .params(
                            Timestamps.of(now),
                            eventUuid,
                            clip(detail, 2000),
                            open.get().id())
                    .update();
            return Optional.of(new Raised(byId(workspaceId, open.get().id()).orElseThrow(), false));
        }
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO business_alerts (workspace_id, rule_key, tier, tenant_id, event_name, event_uuid, title,"
                        + " detail, occurrences, first_seen_at, last_seen_at, notification)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)")
                .params(
                        workspaceId,
                        rule.key(),
                        rule.tier().column(),
                        clip(tenantId, 200),
                        eventName,
                        eventUuid,
                        clip(title, 500),
                        clip(detail, 2000),
                        Timestamps.of(now),
                        Timestamps.of(now),
                        notification.get())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        return Optional.of(new Raised(byId(workspaceId, id).orElseThrow(), true));
    }

    /**
     * Alerts of a rule sent on (mail or webhook, or on their way) in the window: the per-rule rate
     * limit counts these.
     */
    long notifiedWithin(long workspaceId, AlertRule rule, Duration window) {
        return jdbc.sql("SELECT count(*) FROM business_alerts WHERE workspace_id = ? AND rule_key = ?"
                        + " AND (notification IN ('sent', 'pending') OR webhook IS NOT NULL) AND first_seen_at >= ?")
                .params(workspaceId, rule.key(), Timestamps.of(clock.instant().minus(window)))
                .query(Long.class)
                .single();
    }

    void notified(long alertId, String outcome) {
        jdbc.sql("UPDATE business_alerts SET notification = ?, notified_at = ? WHERE id = ?")
                .params(outcome, Timestamps.of(clock.instant()), alertId)
                .update();
    }

    /** Medium alerts raised up to {@code asOf} that no weekly digest has carried yet. */
    List<Alert> awaitingDigest(long workspaceId, Instant asOf) {
        return jdbc.sql("SELECT * FROM business_alerts WHERE workspace_id = ? AND notification = 'weekly_digest'"
                        + " AND first_seen_at <= ? ORDER BY tenant_id, first_seen_at, id")
                .params(workspaceId, Timestamps.of(asOf))
                .query(Alerts::alert)
                .list();
    }

    Optional<Alert> byId(long workspaceId, long id) {
        return jdbc.sql("SELECT * FROM business_alerts WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, id)
                .query(Alerts::alert)
                .optional();
    }

    List<Alert> byEvent(long workspaceId, String eventUuid) {
        return jdbc.sql("SELECT * FROM business_alerts WHERE workspace_id = ? AND event_uuid = ? ORDER BY id")
                .params(workspaceId, eventUuid)
                .query(Alerts::alert)
                .list();
    }

    /**
     * @param tier null for every tier
     * @param openOnly only alerts not resolved
     * @param since alerts last seen at or after this instant
     */
    List<Alert> list(long workspaceId, String tier, boolean openOnly, String tenantId, Instant since, int limit) {
        StringBuilder sql =
                new StringBuilder("SELECT * FROM business_alerts WHERE workspace_id = ? AND last_seen_at >= ?");
        List<Object> params = new java.util.ArrayList<>(List.of(workspaceId, Timestamps.of(since)));
        if (tier != null) {
            sql.append(" AND tier = ?");
            params.add(tier);
        }
        if (openOnly) {
            sql.append(" AND resolved_at IS NULL");
        }
        if (tenantId != null) {
            sql.append(" AND tenant_id = ?");
            params.add(tenantId);
        }
        sql.append(
                " ORDER BY CASE tier WHEN 'critical' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, last_seen_at DESC, id DESC");
        sql.append(" LIMIT ").append(Math.max(1, Math.min(limit, 1000)));
        return jdbc.sql(sql.toString()).params(params).query(Alerts::alert).list();
    }

    Fatigue fatigue(long workspaceId, Instant since) {
        return jdbc.sql("SELECT count(*) AS raised,"
                        + " sum(CASE WHEN notification = 'sent' THEN 1 ELSE 0 END) AS notified,"
                        + " sum(CASE WHEN acknowledged_at IS NOT NULL THEN 1 ELSE 0 END) AS acknowledged,"
                        + " sum(CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS resolved,"
                        + " sum(CASE WHEN notification = 'rate_limited' THEN 1 ELSE 0 END) AS limited,"
                        + " sum(CASE WHEN webhook = 'sent' THEN 1 ELSE 0 END) AS webhooked,"
                        + " sum(CASE WHEN notification = 'digest_sent' THEN 1 ELSE 0 END) AS digested"
                        + " FROM business_alerts WHERE workspace_id = ? AND first_seen_at >= ?")
                .params(workspaceId, Timestamps.of(since))
                .query((rs, n) -> new Fatigue(
                        rs.getLong("raised"),
                        rs.getLong("notified"),
                        rs.getLong("acknowledged"),
                        rs.getLong("resolved"),
                        rs.getLong("limited"),
                        rs.getLong("webhooked"),
                        rs.getLong("digested")))
                .single();
    }

    Alert acknowledge(long workspaceId, long id, String who) {
        Alert alert = byId(workspaceId, id).orElseThrow(() -> ProblemException.notFound("No alert " + id + "."));
        if (alert.acknowledgedAt() == null) {
            jdbc.sql("UPDATE business_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?")
                    .params(Timestamps.of(clock.instant()), clip(who, 320), id)
                    .update();
        }
        return byId(workspaceId, id).orElseThrow();
    }

    Alert resolve(long workspaceId, long id, String who) {
        Alert alert = byId(workspaceId, id).orElseThrow(() -> ProblemException.notFound("No alert " + id + "."));
        if (alert.resolvedAt() == null) {
            Instant now = clock.instant();
            jdbc.sql("UPDATE business_alerts SET resolved_at = ?, resolved_by = ?,"
                            + " acknowledged_at = COALESCE(acknowledged_at, ?),"
                            + " acknowledged_by = COALESCE(acknowledged_by, ?) WHERE id = ?")
                    .params(Timestamps.of(now), clip(who, 320), Timestamps.of(now), clip(who, 320), id)
                    .update();
        }
        return byId(workspaceId, id).orElseThrow();
    }

    private static Alert alert(ResultSet rs, int row) throws SQLException {
        Instant acknowledged = Timestamps.optionalInstant(rs, "acknowledged_at").orElse(null);
        Instant resolved = Timestamps.optionalInstant(rs, "resolved_at").orElse(null);
        return new Alert(
                rs.getLong("id"),
                rs.getString("tier"),
                rs.getString("rule_key"),
                rs.getString("tenant_id"),
                rs.getString("event_name"),
                rs.getString("event_uuid"),
                rs.getString("title"),
                rs.getString("detail"),
                rs.getInt("occurrences"),
                Timestamps.instant(rs, "first_seen_at"),
                Timestamps.instant(rs, "last_seen_at"),
                rs.getString("notification"),
                Timestamps.optionalInstant(rs, "notified_at").orElse(null),
                rs.getString("webhook"),
                acknowledged,
                rs.getString("acknowledged_by"),
                resolved,
                rs.getString("resolved_by"),
                resolved != null ? "resolved" : acknowledged != null ? "acknowledged" : "open");
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
