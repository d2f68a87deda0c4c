package dev.beton.cdp;

import dev.beton.store.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code cdp_records}: per Attio record, what was last sent and how its last sync went. */
@Repository
class CdpRecords {

    /** The snapshot of one record. */
    record Snapshot(
            String object,
            String recordId,
            Optional<String> key,
            Optional<String> posthogHash,
            Optional<String> storeHash,
            Optional<String> eventUuid,
            String outcome) {}

    /** Counts of one object by outcome and reason, for the status. */
    record Tally(String object, String outcome, String reason, long count) {}

    private final JdbcClient jdbc;

    CdpRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Snapshots of these records (one page of a read), by record id. */
    Map<String, Snapshot> of(long workspaceId, String object, Collection<String> recordIds) {
        Map<String, Snapshot> found = new HashMap<>();
        List<String> ids = new ArrayList<>(recordIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            List<Object> params = new ArrayList<>();
            params.add(workspaceId);
            params.add(object);
            params.addAll(chunk);
            jdbc.sql("SELECT * FROM cdp_records WHERE workspace_id = ? AND object_type = ? AND record_id IN (" + marks
                            + ")")
                    .params(params)
                    .query(rs -> {
                        Snapshot s = new Snapshot(
                                object,
                                rs.getString("record_id"),
                                Optional.ofNullable(rs.getString("record_key")),
                                Optional.ofNullable(rs.getString("posthog_hash")),
                                Optional.ofNullable(rs.getString("store_hash")),
                                Optional.ofNullable(rs.getString("event_uuid")),
                                rs.getString("outcome"));
                        found.put(s.recordId(), s);
                    });
        }
        return found;
    }

    Optional<Snapshot> one(long workspaceId, String object, String recordId) {
        return Optional.ofNullable(of(workspaceId, object, List.of(recordId)).get(recordId));
    }

    /** Another live company record already keyed by this domain, if any. */
    Optional<String> otherWithKey(long workspaceId, String object, String key, String recordId) {
        return jdbc.sql(
                        "SELECT record_id FROM cdp_records WHERE workspace_id = ? AND object_type = ? AND record_key = ?"
                                + " AND record_id <> ? AND outcome = 'synced' ORDER BY record_id LIMIT 1")
                .params(workspaceId, object, key, recordId)
                .query(String.class)
                .optional();
    }

    /** The group key of synced companies, by record id (people name their company by record id). */
    Optional<String> keyOf(long workspaceId, String object, String recordId) {
        return one(workspaceId, object, recordId)
                .filter(s -> s.outcome().equals("synced"))
                .flatMap(Snapshot::key);
    }

    /**
     * Records the outcome of one record. {@code posthogHash}/{@code storeHash}/{@code eventUuid}
     * given as empty keep what was stored (a skipped record keeps what it last sent).
     */
    void save(
            long workspaceId,
            String object,
            String recordId,
            Optional<String> key,
            Optional<String> posthogHash,
            Optional<String> storeHash,
            Optional<String> eventUuid,
            String outcome,
            String reason,
            long run,
            Instant now) {
        String clipped = reason == null ? null : reason.length() > 500 ? reason.substring(0, 499) + "…" : reason;
        int updated = jdbc.sql("UPDATE cdp_records SET record_key = COALESCE(?, record_key),"
                        + " posthog_hash = COALESCE(?, posthog_hash), store_hash = COALESCE(?, store_hash),"
                        + " event_uuid = COALESCE(?, event_uuid), outcome = ?, reason = ?, seen_run = ?, seen_at = ?,"
                        + " changed_at = CASE WHEN ? = 1 THEN ? ELSE changed_at END"
                        + " WHERE workspace_id = ? AND object_type = ? AND record_id = ?")
                .params(
                        key.orElse(null),
                        posthogHash.orElse(null),
                        storeHash.orElse(null),
                        eventUuid.orElse(null),
                        outcome,
                        clipped,
                        run,
                        Timestamps.of(now),
                        posthogHash.isPresent() || storeHash.isPresent() ? 1 : 0,
                        Timestamps.of(now),
                        workspaceId,
                        object,
                        recordId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO cdp_records (workspace_id, object_type, record_id, record_key, posthog_hash,"
                            + " store_hash, event_uuid, outcome, reason, seen_run, seen_at, changed_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            workspaceId,
                            object,
                            recordId,
                            key.orElse(null),
                            posthogHash.orElse(null),
                            storeHash.orElse(null),
                            eventUuid.orElse(null),
                            outcome,
                            clipped,
                            run,
                            Timestamps.of(now),
                            Timestamps.of(now))
                    .update();
        }
    }

    /** Records of an object a complete read in run {@code run} did not see, still live: gone from Attio. */
    List<Snapshot> unseenIn(long workspaceId, String object, long run) {
        return jdbc.sql("SELECT * FROM cdp_records WHERE workspace_id = ? AND object_type = ? AND seen_run < ?"
                        + " AND outcome <> 'deleted' ORDER BY record_id")
                .params(workspaceId, object, run)
                .query((rs, row) -> new Snapshot(
                        object,
                        rs.getString("record_id"),
                        Optional.ofNullable(rs.getString("record_key")),
                        Optional.ofNullable(rs.getString("posthog_hash")),
                        Optional.ofNullable(rs.getString("store_hash")),
                        Optional.ofNullable(rs.getString("event_uuid")),
                        rs.getString("outcome")))
                .list();
    }

    List<Tally> tallies(long workspaceId) {
        return jdbc.sql("SELECT object_type, outcome, COALESCE(reason, '') AS reason, count(*) AS n FROM cdp_records"
                        + " WHERE workspace_id = ? GROUP BY object_type, outcome, COALESCE(reason, '')"
                        + " ORDER BY object_type, outcome, n DESC")
                .param(workspaceId)
                .query((rs, row) -> new Tally(
                        rs.getString("object_type"), rs.getString("outcome"), rs.getString("reason"), rs.getLong("n")))
                .list();
    }
}
