package dev.beton.backtest;

import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** {@code posthog_copies} (V210): each copy's period, phase, keyset cursor and counts. */
@Repository
class PostHogCopyStore {

    private final JdbcClient jdbc;

    PostHogCopyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long create(
            long workspaceId,
            long jobRunId,
            long projectId,
            String host,
            int days,
            long rowLimit,
            Instant periodStart,
            Instant periodEnd,
            Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO posthog_copies (workspace_id, job_run_id, project_id, host, days, row_limit,"
                        + " period_start, period_end, phase, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        jobRunId,
                        projectId,
                        host,
                        days,
                        rowLimit,
                        Timestamps.of(periodStart),
                        Timestamps.of(periodEnd),
                        PostHogCopy.EVENTS,
                        Timestamps.of(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<PostHogCopy> find(long workspaceId, long id) {
        return jdbc.sql("SELECT * FROM posthog_copies WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, id)
                .query((rs, row) -> copy(rs))
                .optional();
    }

    List<PostHogCopy> recent(long workspaceId, int limit) {
        return jdbc.sql("SELECT * FROM posthog_copies WHERE workspace_id = ? ORDER BY id DESC LIMIT ?")
                .params(workspaceId, limit)
                .query((rs, row) -> copy(rs))
                .list();
    }

    void resumedBy(long id, long jobRunId) {
        jdbc.sql("UPDATE posthog_copies SET job_run_id = ?, note = NULL WHERE id = ?")
                .params(jobRunId, id)
                .update();
    }

    void counted(long id, long eventsTotal, int queries) {
        jdbc.sql("UPDATE posthog_copies SET events_total = ?, queries_spent = queries_spent + ? WHERE id = ?")
                .params(eventsTotal, queries, id)
                .update();
    }

    /** After an event page is in the store: where the next page starts. */
    void eventPage(long id, PostHogCopy.Cursor cursor, int rows, Instant newest) {
        jdbc.sql("UPDATE posthog_copies SET cursor_timestamp = ?, cursor_uuid = ?, events_copied = events_copied + ?,"
                        + " queries_spent = queries_spent + 1, copied_until = ? WHERE id = ?")
                .params(cursor.timestamp(), cursor.uuid(), rows, Timestamps.of(newest), id)
                .update();
    }

    /** An answer that held no rows (the last page was full, or the period is empty). */
    void emptyPage(long id) {
        jdbc.sql("UPDATE posthog_copies SET queries_spent = queries_spent + 1 WHERE id = ?")
                .param(id)
                .update();
    }

    void groups(long id, long groups, int queries) {
        jdbc.sql("UPDATE posthog_copies SET groups_copied = ?, queries_spent = queries_spent + ? WHERE id = ?")
                .params(groups, queries, id)
                .update();
    }

    void phase(long id, String phase) {
        jdbc.sql("UPDATE posthog_copies SET phase = ? WHERE id = ?")
                .params(phase, id)
                .update();
    }

    void finished(long id, Instant at, Optional<String> note) {
        jdbc.sql("UPDATE posthog_copies SET finished_at = ?, note = ? WHERE id = ?")
                .params(Timestamps.of(at), note.orElse(null), id)
                .update();
    }

    void note(long id, String note) {
        jdbc.sql("UPDATE posthog_copies SET note = ? WHERE id = ?")
                .params(note, id)
                .update();
    }

    private static PostHogCopy copy(ResultSet rs) throws SQLException {
        String cursorTimestamp = rs.getString("cursor_timestamp");
        long total = rs.getLong("events_total");
        OptionalLong eventsTotal = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(total);
        return new PostHogCopy(
                rs.getLong("id"),
                rs.getLong("workspace_id"),
                rs.getLong("job_run_id"),
                rs.getLong("project_id"),
                rs.getString("host"),
                rs.getInt("days"),
                rs.getLong("row_limit"),
                Timestamps.instant(rs, "period_start"),
                Timestamps.instant(rs, "period_end"),
                rs.getString("phase"),
                cursorTimestamp == null
                        ? Optional.empty()
                        : Optional.of(new PostHogCopy.Cursor(cursorTimestamp, rs.getString("cursor_uuid"))),
                eventsTotal,
                rs.getLong("events_copied"),
                rs.getLong("groups_copied"),
                rs.getInt("queries_spent"),
                Timestamps.optionalInstant(rs, "copied_until"),
                Timestamps.instant(rs, "created_at"),
                Timestamps.optionalInstant(rs, "finished_at"),
                Optional.ofNullable(rs.getString("note")));
    }
}
