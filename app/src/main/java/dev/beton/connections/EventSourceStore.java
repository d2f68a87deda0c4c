package dev.beton.connections;

import dev.beton.store.Timestamps;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code workspace_event_sources}: one row per workspace that chose a source; none means embedded. */
@Repository
class EventSourceStore {

    private final JdbcClient jdbc;

    EventSourceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<EventSource> find(long workspaceId) {
        return jdbc.sql("SELECT source FROM workspace_event_sources WHERE workspace_id = ?")
                .param(workspaceId)
                .query(String.class)
                .optional()
                .flatMap(EventSource::parse);
    }

    void save(long workspaceId, EventSource source, Instant now) {
        int updated = jdbc.sql("UPDATE workspace_event_sources SET source = ?, updated_at = ? WHERE workspace_id = ?")
                .params(source.id(), Timestamps.of(now), workspaceId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO workspace_event_sources (workspace_id, source, updated_at) VALUES (?, ?, ?)")
                    .params(workspaceId, source.id(), Timestamps.of(now))
                    .update();
        }
    }
}
