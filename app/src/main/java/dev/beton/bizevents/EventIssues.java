package dev.beton.bizevents;

import dev.beton.store.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Business events capture stored although they break their schema, with what is wrong. */
@Repository
class EventIssues {

    record Issue(long id, String eventUuid, String eventName, String tenantId, String errors, Instant receivedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    EventIssues(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(long workspaceId, String eventUuid, String eventName, String tenantId, List<?> errors) {
        String text = String.join("; ", errors.stream().map(Object::toString).toList());
        jdbc.sql("INSERT INTO business_event_issues (workspace_id, event_uuid, event_name, tenant_id, errors,"
                        + " received_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        eventUuid,
                        eventName,
                        Alerts.clip(tenantId, 200),
                        Alerts.clip(text, 4000),
                        Timestamps.of(clock.instant()))
                .update();
    }

    List<Issue> recent(long workspaceId, int limit) {
        return jdbc.sql("SELECT * FROM business_event_issues WHERE workspace_id = ? ORDER BY id DESC LIMIT "
                        + Math.max(1, Math.min(limit, 1000)))
                .param(workspaceId)
                .query((rs, n) -> new Issue(
                        rs.getLong("id"),
                        rs.getString("event_uuid"),
                        rs.getString("event_name"),
                        rs.getString("tenant_id"),
                        rs.getString("errors"),
                        Timestamps.instant(rs, "received_at")))
                .list();
    }

    /** The uuids of every flagged business event still on record, for the summary to leave out. */
    List<String> flaggedUuids(long workspaceId) {
        return jdbc.sql("SELECT event_uuid FROM business_event_issues WHERE workspace_id = ?")
                .param(workspaceId)
                .query(String.class)
                .list();
    }
}
