package dev.beton.detection;

import dev.beton.posthog.PostHogCaptureEvent;
import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code posthog_outbox}: what is still to be sent to each workspace's PostHog, durable across restarts. */
@Repository
class PostHogOutbox {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> GROUP = new TypeReference<>() {};
    private static final int MAX_ERROR = 2000;
    /** How long a delivery holds the rows it is sending before another may take them. */
    static final java.time.Duration CLAIM = java.time.Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    PostHogOutbox(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transaction, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = transaction;
        this.json = json;
    }

    /**
     * Queues events not queued before (by uuid, per workspace), due at once.
     *
     * @return how many were new
     */
    int enqueue(long workspaceId, Long runId, String kind, List<PostHogCaptureEvent> events, Instant now) {
        if (events.size() < 2) {
            return enqueueEach(workspaceId, runId, kind, events, now);
        }
        // One batched statement in one transaction for a sync's page of events, instead of a round
        // trip and a commit per event. The rare clash with another instance fails the batch, which
        // is rolled back and done again one event at a time.
        List<Object[]> rows = new ArrayList<>(events.size());
        for (PostHogCaptureEvent event : events) {
            rows.add(insertParams(workspaceId, runId, kind, event, now));
        }
        try {
            int[] counts = transaction.execute(status -> batch.batchUpdate(INSERT_NEW, rows));
            int added = 0;
            for (int count : counts) {
                added += count > 0 ? 1 : 0;
            }
            return added;
        } catch (DuplicateKeyException e) {
            return enqueueEach(workspaceId, runId, kind, events, now);
        }
    }

    private static final String INSERT_NEW = "INSERT INTO posthog_outbox (workspace_id, run_id, event_uuid, kind,"
            + " payload, next_attempt_at, created_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
            + " (SELECT 1 FROM posthog_outbox WHERE workspace_id = ? AND event_uuid = ?)";

    private int enqueueEach(long workspaceId, Long runId, String kind, List<PostHogCaptureEvent> events, Instant now) {
        int added = 0;
        for (PostHogCaptureEvent event : events) {
            try {
                // One statement per event: a rerun's events are already queued and add nothing.
                added += jdbc.sql(INSERT_NEW)
                        .params(insertParams(workspaceId, runId, kind, event, now))
                        .update();
            } catch (DuplicateKeyException e) {
                // Another instance queued the same event at the same moment: it is queued.
            }
        }
        return added;
    }

    /**
     * Queues a group of events (a page of the CRM sync) as one row, due at once, unless the same
     * group was queued before: the row's uuid is derived from its events' uuids, so a rerun of the
     * same page adds nothing. One row instead of one per event: the inserts, with their four index
     * updates each, were the largest part of the sync's own CPU (JFR, 10,000 companies).
     *
     * @return how many events were queued (all of them, or none)
     */
    int enqueueGroup(long workspaceId, String kind, List<PostHogCaptureEvent> events, Instant now) {
        if (events.size() < 2) {
            return enqueueEach(workspaceId, null, kind, events, now);
        }
        Row row = row(workspaceId, events);
        try {
            int added = jdbc.sql("INSERT INTO posthog_outbox (workspace_id, run_id, event_uuid, kind, payload,"
                            + " next_attempt_at, created_at, events) SELECT ?, NULL, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                            + " (SELECT 1 FROM posthog_outbox WHERE workspace_id = ? AND event_uuid = ?)")
                    .params(
                            workspaceId,
                            row.uuid(),
                            kind,
                            row.payload(),
                            Timestamps.of(now),
                            Timestamps.of(now),
                            events.size(),
                            workspaceId,
                            row.uuid())
                    .update();
            return added > 0 ? events.size() : 0;
        } catch (DuplicateKeyException e) {
            return 0; // another instance queued the same group at the same moment
        }
    }

    /** The rows due now, up to {@code limit} events, that this delivery claimed ({@link #claimed}). */
    List<OutboxEntry> due(Instant now, int limit) {
        return claimed(read(now, limit), now);
    }

    /**
     * The rows due now, oldest first: as many rows as hold at most {@code limit} events (at least
     * one row), so grouped rows do not multiply a send. Rows that cannot be read back are given up.
     */
    List<OutboxEntry> read(Instant now, int limit) {
        long[] last = {-1};
        long[] events = {0};
        jdbc.sql("SELECT id, events FROM posthog_outbox WHERE sent_at IS NULL AND abandoned_at IS NULL"
                        + " AND next_attempt_at <= ? ORDER BY id LIMIT " + Math.max(1, limit))
                .param(Timestamps.of(now))
                .query(rs -> {
                    int n = rs.getInt("events");
                    if (last[0] < 0 || events[0] + n <= limit) {
                        last[0] = rs.getLong("id");
                        events[0] += n;
                    }
                });
        if (last[0] < 0) {
            return List.of();
        }
        Map<Long, String> unreadable = new LinkedHashMap<>();
        List<OutboxEntry> entries = jdbc.sql(
                        "SELECT id, workspace_id, kind, event_uuid, payload, attempts FROM posthog_outbox"
                                + " WHERE sent_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= ? AND id <= ?"
                                + " ORDER BY id LIMIT " + Math.max(1, limit))
                .params(Timestamps.of(now), last[0])
                .query((rs, row) -> {
                    try {
                        return entry(rs, row);
                    } catch (RuntimeException e) {
                        unreadable.put(rs.getLong("id"), e.getMessage());
                        return null;
                    }
                })
                .list();
        // A row that no longer reads back as capture events (edited by hand, or written by
        // another version) would fail every delivery and hold back every row queued after it.
        unreadable.forEach((id, why) -> abandon(id, "The queued event cannot be read back (" + why + ").", now));
        return entries.stream().filter(Objects::nonNull).toList();
    }

    /**
     * The rows this delivery may send: those it moves out of reach of the others. Another
     * deliverer (a send right after a CRM sync, the task on another instance) may have read the
     * same due rows; only one moves each row's next attempt past now, so no row goes out twice.
     * The send marks a claimed row sent, retries it later or gives it up; a row whose deliverer
     * died is due again after {@link #CLAIM}.
     */
    List<OutboxEntry> claimed(List<OutboxEntry> entries, Instant now) {
        if (entries.isEmpty()) {
            return entries;
        }
        java.time.OffsetDateTime until = Timestamps.of(now.plus(CLAIM));
        java.time.OffsetDateTime at = Timestamps.of(now);
        List<Object[]> rows =
                entries.stream().map(e -> new Object[] {until, e.id(), at}).toList();
        int[] counts = transaction.execute(status -> batch.batchUpdate(
                "UPDATE posthog_outbox SET next_attempt_at = ? WHERE id = ? AND sent_at IS NULL"
                        + " AND abandoned_at IS NULL AND next_attempt_at <= ?",
                rows));
        List<OutboxEntry> mine = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            // A driver that cannot count a batched row says SUCCESS_NO_INFO (-2): the row is taken as claimed.
            if (counts[i] != 0) {
                mine.add(entries.get(i));
            }
        }
        return mine;
    }

    void markSent(List<Long> ids, Instant now) {
        for (Long id : ids) {
            jdbc.sql("UPDATE posthog_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL"
                            + " WHERE id = ? AND sent_at IS NULL")
                    .params(Timestamps.of(now), id)
                    .update();
        }
    }

    /** A row's uuid and payload: one event's own, or for several a uuid derived from theirs and an array. */
    private record Row(String uuid, String payload) {}

    private Row row(long workspaceId, List<PostHogCaptureEvent> events) {
        if (events.size() == 1) {
            return new Row(events.getFirst().uuid().toString(), payload(events.getFirst()));
        }
        StringBuilder identity = new StringBuilder("outbox-group|").append(workspaceId);
        List<Map<String, Object>> payloads = new ArrayList<>(events.size());
        for (PostHogCaptureEvent event : events) {
            identity.append('|').append(event.uuid());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("uuid", event.uuid().toString());
            one.putAll(wire(event));
            payloads.add(one);
        }
        return new Row(
                UUID.nameUUIDFromBytes(identity.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString(),
                json.writeValueAsString(payloads));
    }

    /**
     * Takes the events PostHog would discard out of a group row, into a row of their own given up
     * with the reason, so the group's row can be marked sent and the counts stay in events.
     */
    void splitOff(OutboxEntry entry, java.util.Set<UUID> discarded, String error, Instant now) {
        List<PostHogCaptureEvent> kept = new ArrayList<>();
        List<PostHogCaptureEvent> gone = new ArrayList<>();
        entry.events().forEach(e -> (discarded.contains(e.uuid()) ? gone : kept).add(e));
        Row keptRow = row(entry.workspaceId(), kept);
        Row goneRow = row(entry.workspaceId(), gone);
        transaction.executeWithoutResult(status -> {
            jdbc.sql("UPDATE posthog_outbox SET payload = ?, events = ? WHERE id = ?")
                    .params(keptRow.payload(), kept.size(), entry.id())
                    .update();
            jdbc.sql(
                            "INSERT INTO posthog_outbox (workspace_id, event_uuid, kind, payload, attempts, next_attempt_at,"
                                    + " last_error, abandoned_at, created_at, events) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                                    + " WHERE NOT EXISTS (SELECT 1 FROM posthog_outbox WHERE workspace_id = ? AND event_uuid = ?)")
                    .params(
                            entry.workspaceId(),
                            goneRow.uuid(),
                            entry.kind(),
                            goneRow.payload(),
                            entry.attempts() + 1,
                            Timestamps.of(now),
                            clip(error),
                            Timestamps.of(now),
                            Timestamps.of(now),
                            gone.size(),
                            entry.workspaceId(),
                            goneRow.uuid())
                    .update();
        });
    }

    void retryLater(long id, Instant next, String error) {
        jdbc.sql("UPDATE posthog_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                        + " WHERE id = ? AND sent_at IS NULL")
                .params(Timestamps.of(next), clip(error), id)
                .update();
    }

    void abandon(long id, String error, Instant now) {
        jdbc.sql("UPDATE posthog_outbox SET attempts = attempts + 1, abandoned_at = ?, last_error = ?"
                        + " WHERE id = ? AND sent_at IS NULL")
                .params(Timestamps.of(now), clip(error), id)
                .update();
    }

    private String payload(PostHogCaptureEvent event) {
        return json.writeValueAsString(wire(event));
    }

    private static Map<String, Object> wire(PostHogCaptureEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event.event());
        payload.put("distinct_id", event.distinctId());
        payload.put("timestamp", event.timestamp().toString());
        payload.put("properties", event.properties());
        return payload;
    }

    /** A row's events: its payload is one event (the row's uuid is the event's) or an array of them (each with a uuid). */
    private OutboxEntry entry(ResultSet rs, int row) throws SQLException {
        String payload = rs.getString("payload");
        List<PostHogCaptureEvent> events = new ArrayList<>();
        if (payload.stripLeading().startsWith("[")) {
            for (Map<String, Object> one : json.readValue(payload, GROUP)) {
                events.add(event(UUID.fromString(String.valueOf(one.get("uuid"))), one));
            }
        } else {
            events.add(event(UUID.fromString(rs.getString("event_uuid")), json.readValue(payload, OBJECT)));
        }
        return new OutboxEntry(
                rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("kind"), events, rs.getInt("attempts"));
    }

    private static PostHogCaptureEvent event(UUID uuid, Map<String, Object> payload) {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) payload.getOrDefault("properties", Map.of());
        return new PostHogCaptureEvent(
                uuid,
                String.valueOf(payload.get("event")),
                String.valueOf(payload.get("distinct_id")),
                Instant.parse(String.valueOf(payload.get("timestamp"))),
                withoutNulls(properties));
    }

    // Map.copyOf in the event refuses null values; JSON nulls carry no information for capture.
    private static Map<String, Object> withoutNulls(Map<String, Object> properties) {
        Map<String, Object> kept = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (v != null) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    private static String clip(String text) {
        String t = text == null ? "" : text;
        return t.length() <= MAX_ERROR ? t : t.substring(0, MAX_ERROR - 1) + "…";
    }

    static List<Long> ids(List<OutboxEntry> entries) {
        List<Long> ids = new ArrayList<>(entries.size());
        entries.forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** The parameters of {@code INSERT_NEW} for one event (its uuid twice: the row and the "not yet queued" check). */
    private Object[] insertParams(long workspaceId, Long runId, String kind, PostHogCaptureEvent event, Instant now) {
        String uuid = event.uuid().toString();
        return new Object[] {
            workspaceId, runId, uuid, kind, payload(event), Timestamps.of(now), Timestamps.of(now), workspaceId, uuid
        };
    }
}
