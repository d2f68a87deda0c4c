package dev.beton.bizevents;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How long a workspace keeps its business events, what that would delete (the dry run), and the
 * deletion itself (the daily job). Business events live in the event store; the schema issues of
 * invalid ones in the app database go with them. Alerts are Beton's own record and stay.
 */
@Service
class BusinessEventRetention {

    static final int MAX_DAYS = 3660;
    private static final String NAMES =
            BusinessEventType.NAMES.stream().sorted().map(n -> "'" + n + "'").collect(Collectors.joining(", "));

    /**
     * @param days the workspace's retention
     * @param isDefault true when the workspace has not chosen one
     * @param cutoff events with a timestamp before it are (or would be) deleted
     * @param events per event name, how many are (or would be) deleted
     * @param invalidIssues schema issues of invalid business events received before the cutoff
     */
    record Preview(
            int days,
            boolean isDefault,
            Instant cutoff,
            Map<String, Long> events,
            long invalidIssues,
            Instant oldestKept) {

        public long total() {
            return events.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final JdbcClient jdbc;
    private final EmbeddedWarehouse warehouse;
    private final BusinessEventTable table;
    private final Clock clock;
    private final int defaultDays;

    BusinessEventRetention(
            JdbcClient jdbc,
            EmbeddedWarehouse warehouse,
            BusinessEventTable table,
            Clock clock,
            @Value("${beton.business-events.retention.default-days:400}") int defaultDays) {
        if (defaultDays < 1 || defaultDays > MAX_DAYS) {
            throw new IllegalArgumentException(
                    "beton.business-events.retention.default-days must be from 1 to " + MAX_DAYS + ".");
        }
        this.jdbc = jdbc;
        this.warehouse = warehouse;
        this.table = table;
        this.clock = clock;
        this.defaultDays = defaultDays;
    }

    int days(long workspaceId) {
        return jdbc.sql("SELECT days FROM business_event_retention WHERE workspace_id = ?")
                .param(workspaceId)
                .query(Integer.class)
                .optional()
                .orElse(defaultDays);
    }

    boolean isDefault(long workspaceId) {
        return jdbc.sql("SELECT count(*) FROM business_event_retention WHERE workspace_id = ?")
                        .param(workspaceId)
                        .query(Long.class)
                        .single()
                == 0;
    }

    void change(long workspaceId, Integer days, String who) {
        if (days == null || days < 1 || days > MAX_DAYS) {
            throw ProblemException.badRequest("Retention is a whole number of days from 1 to " + MAX_DAYS
                    + " (the default is " + defaultDays + ").");
        }
        jdbc.sql("DELETE FROM business_event_retention WHERE workspace_id = ?")
                .param(workspaceId)
                .update();
        jdbc.sql(
                        "INSERT INTO business_event_retention (workspace_id, days, updated_at, updated_by) VALUES (?, ?, ?, ?)")
                .params(workspaceId, days, Timestamps.of(clock.instant()), Alerts.clip(who, 320))
                .update();
    }

    /** The dry run: what a retention of {@code days} would delete as of {@code asOf}; nothing is changed. */
    Preview preview(long workspaceId, int days, Instant asOf) {
        Instant cutoff = asOf.minus(Duration.ofDays(days));
        Map<String, Long> counts = new LinkedHashMap<>();
        Instant[] oldestKept = {null};
        warehouse.read(workspaceId, connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT event, count(*) AS n FROM events WHERE event IN (" + NAMES
                            + ") AND timestamp < ?" + " GROUP BY event ORDER BY event")) {
                statement.setObject(1, LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString("event"), rs.getLong("n"));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT min(timestamp) FROM events WHERE event IN (" + NAMES + ") AND timestamp >= ?")) {
                statement.setObject(1, LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        oldestKept[0] = rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    }
                }
            }
            return null;
        });
        long issues = jdbc.sql("SELECT count(*) FROM business_event_issues WHERE workspace_id = ? AND received_at < ?")
                .params(workspaceId, Timestamps.of(cutoff))
                .query(Long.class)
                .single();
        return new Preview(days, isDefault(workspaceId), cutoff, counts, issues, oldestKept[0]);
    }

    Preview preview(long workspaceId) {
        return preview(workspaceId, days(workspaceId), clock.instant());
    }

    /** Deletes what the workspace's retention no longer keeps, as of {@code asOf}; returns what went. */
    Preview enforce(long workspaceId, Instant asOf) {
        int days = days(workspaceId);
        Preview gone = preview(workspaceId, days, asOf);
        // typed rows still queued for events about to go are written first, so they go too
        table.flush(workspaceId);
        warehouse.write(workspaceId, connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM events WHERE event IN (" + NAMES + ") AND timestamp < ?")) {
                statement.setObject(1, LocalDateTime.ofInstant(gone.cutoff(), ZoneOffset.UTC));
                int deleted = gone.total() > 0 ? statement.executeUpdate() : 0;
                // the typed rows of what goes, and of anything older left behind by a row written
                // after its event was deleted (a race with this job, noted in docs/BUSINESS-EVENTS.md)
                BusinessEventTable.deleteBefore(connection, gone.cutoff());
                if (deleted > 0) {
                    // The dashboards' usage rollup counted these events: without its state row the
                    // tiles read raw events until it is rebuilt (dashboards.UsageRollup).
                    try (var forget = connection.createStatement()) {
                        forget.execute("DELETE FROM usage_rollup_state");
                    }
                }
                connection.commit();
                return deleted;
            } catch (java.sql.SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
        jdbc.sql("DELETE FROM business_event_issues WHERE workspace_id = ? AND received_at < ?")
                .params(workspaceId, Timestamps.of(gone.cutoff()))
                .update();
        return gone;
    }
}
