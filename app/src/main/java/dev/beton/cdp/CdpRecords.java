package dev.beton.cdp;

import dev.beton.store.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code cdp_records}: per Attio record, what was last sent and how its last sync went. */
@Repository
class CdpRecords {

    /**
     * The snapshot of one record.
     *
     * @param ordinal the record's number, dense per workspace, given when it was first saved (empty
     *     for a record saved before V240 and not since)
     */
    record Snapshot(
            String object,
            String recordId,
            Optional<String> key,
            Optional<String> posthogHash,
            Optional<String> storeHash,
            Optional<String> eventUuid,
            String outcome,
            Optional<String> reason,
            java.util.OptionalLong ordinal) {

        /**
         * The record's bit in a run's bitset of the records it read: its number, when it has one a
         * {@link java.util.BitSet} can hold. A record without one is written every run instead.
         */
        java.util.OptionalInt bit() {
            return ordinal.isPresent() ? bitOf(ordinal.getAsLong()) : java.util.OptionalInt.empty();
        }

        /** The bit of a record numbered {@code ordinal}, when a {@link java.util.BitSet} can hold it. */
        static java.util.OptionalInt bitOf(long ordinal) {
            return ordinal <= Integer.MAX_VALUE
                    ? java.util.OptionalInt.of((int) ordinal)
                    : java.util.OptionalInt.empty();
        }

        /** Whether saving this outcome would change nothing but the "seen" marker a numbered record no longer needs. */
        boolean alreadySays(Optional<String> key, String outcome, String reason) {
            return bit().isPresent()
                    && this.outcome.equals(outcome)
                    && this.reason.equals(Optional.ofNullable(reason).map(CdpRecords::clip))
                    && (key.isEmpty() || this.key.equals(key));
        }
    }

    /** Counts of one object by outcome and reason, for the status. */
    record Tally(String object, String outcome, String reason, long count) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;

    CdpRecords(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = transaction;
    }

    /** Snapshots of these records (one page of a read), by record id. */
    Map<String, Snapshot> of(long workspaceId, String object, Collection<String> recordIds) {
        Map<String, Snapshot> found = new HashMap<>();
        List<String> ids = new ArrayList<>(recordIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            // A join on the ids as a VALUES list looks each one up by the whole primary key. H2 would
            // use only the key's (workspace, object) prefix for "record_id IN (…)" and test the list
            // against every record of the object, once per page: quadratic in the records (37 % of
            // the benchmark thread's CPU at 60,000 records).
            String rows = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?)"));
            List<Object> params = new ArrayList<>();
            params.addAll(chunk);
            params.add(workspaceId);
            params.add(object);
            jdbc.sql("SELECT c.* FROM (VALUES " + rows + ") AS page (id) JOIN cdp_records c ON c.record_id = page.id"
                            + " WHERE c.workspace_id = ? AND c.object_type = ?")
                    .params(params)
                    .query(rs -> {
                        Snapshot s = snapshot(object, rs);
                        found.put(s.recordId(), s);
                    });
        }
        return found;
    }

    private static Snapshot snapshot(String object, java.sql.ResultSet rs) throws java.sql.SQLException {
        long ordinal = rs.getLong("ordinal");
        boolean numbered = !rs.wasNull();
        return new Snapshot(
                object,
                rs.getString("record_id"),
                Optional.ofNullable(rs.getString("record_key")),
                Optional.ofNullable(rs.getString("posthog_hash")),
                Optional.ofNullable(rs.getString("store_hash")),
                Optional.ofNullable(rs.getString("event_uuid")),
                rs.getString("outcome"),
                Optional.ofNullable(rs.getString("reason")),
                numbered ? java.util.OptionalLong.of(ordinal) : java.util.OptionalLong.empty());
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
     * The outcome of one record, to be saved. {@code posthogHash}/{@code storeHash}/{@code eventUuid}
     * given as empty keep what was stored (a skipped record keeps what it last sent).
     */
    record Outcome(
            String object,
            String recordId,
            Optional<String> key,
            Optional<String> posthogHash,
            Optional<String> storeHash,
            Optional<String> eventUuid,
            String outcome,
            String reason,
            boolean needsOrdinal) {}

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
        saveAll(
                workspaceId,
                List.of(new Outcome(object, recordId, key, posthogHash, storeHash, eventUuid, outcome, reason, true)),
                Set.of(keyOf(object, recordId)),
                run,
                now);
    }

    /**
     * Records the outcomes of a page in one transaction of two batched statements (an update of the
     * known records, an insert of the new ones) instead of one or two round trips and a commit per
     * record: the commits were the sync's largest per-record cost.
     *
     * @param known the records ({@link #keyOf(String, String)}) the caller found in {@link #of}: only
     *     they are updated, the others inserted straight away; an update of a record that finds none
     *     inserts it after all, and an insert that meets a record written meanwhile (another
     *     instance) redoes the page updating every record first
     */
    void saveAll(long workspaceId, List<Outcome> outcomes, Set<String> known, long run, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> write(workspaceId, outcomes, known::contains, run, now));
        } catch (DuplicateKeyException e) {
            transaction.executeWithoutResult(status -> write(workspaceId, outcomes, k -> true, run, now));
        }
    }

    static String keyOf(String object, String recordId) {
        return object + "\n" + recordId;
    }

    private void write(long workspaceId, List<Outcome> outcomes, Predicate<String> known, long run, Instant now) {
        List<Object[]> updates = new ArrayList<>(outcomes.size());
        List<Outcome> updated = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            if (known.test(keyOf(o.object(), o.recordId()))) {
                updated.add(o);
            }
        }
        Ordinals forUpdates = reserve(workspaceId, (int)
                updated.stream().filter(Outcome::needsOrdinal).count());
        for (Outcome o : updated) {
            updates.add(new Object[] {
                o.key().orElse(null),
                o.posthogHash().orElse(null),
                o.storeHash().orElse(null),
                o.eventUuid().orElse(null),
                o.outcome(),
                clip(o.reason()),
                run,
                Timestamps.of(now),
                o.posthogHash().isPresent() || o.storeHash().isPresent() ? 1 : 0,
                Timestamps.of(now),
                o.needsOrdinal() ? forUpdates.next() : null,
                workspaceId,
                o.object(),
                o.recordId()
            });
        }
        int[] counts = updates.isEmpty()
                ? new int[0]
                : batch.batchUpdate(
                        "UPDATE cdp_records SET record_key = COALESCE(?, record_key),"
                                + " posthog_hash = COALESCE(?, posthog_hash), store_hash = COALESCE(?, store_hash),"
                                + " event_uuid = COALESCE(?, event_uuid), outcome = ?, reason = ?, seen_run = ?,"
                                + " seen_at = ?, changed_at = CASE WHEN ? = 1 THEN ? ELSE changed_at END,"
                                + " ordinal = COALESCE(ordinal, ?)"
                                + " WHERE workspace_id = ? AND object_type = ? AND record_id = ?",
                        updates);
        Set<Outcome> missing = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                missing.add(updated.get(i));
            }
        }
        // A record twice in one page (a webhook's company among its deals' companies) is
        // inserted once and updated by its later outcome, as one save after the other did.
        Map<String, Object[]> fresh = new java.util.LinkedHashMap<>();
        for (Outcome o : outcomes) {
            String key = keyOf(o.object(), o.recordId());
            if (known.test(key) && !missing.contains(o)) {
                continue;
            }
            Object[] row = fresh.get(key);
            Object[] mine = {
                workspaceId,
                o.object(),
                o.recordId(),
                o.key().orElse(null),
                o.posthogHash().orElse(null),
                o.storeHash().orElse(null),
                o.eventUuid().orElse(null),
                o.outcome(),
                clip(o.reason()),
                run,
                Timestamps.of(now),
                Timestamps.of(now)
            };
            if (row != null) {
                for (int c = 3; c < 7; c++) {
                    mine[c] = mine[c] == null ? row[c] : mine[c];
                }
            }
            fresh.put(key, mine);
        }
        if (!fresh.isEmpty()) {
            Ordinals forInserts = reserve(workspaceId, fresh.size());
            List<Object[]> rows = new ArrayList<>(fresh.size());
            for (Object[] row : fresh.values()) {
                Object[] numbered = java.util.Arrays.copyOf(row, row.length + 1);
                numbered[row.length] = forInserts.next();
                rows.add(numbered);
            }
            batch.batchUpdate(
                    "INSERT INTO cdp_records (workspace_id, object_type, record_id, record_key, posthog_hash,"
                            + " store_hash, event_uuid, outcome, reason, seen_run, seen_at, changed_at, ordinal)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows);
        }
    }

    /** Numbers reserved for records saved in this transaction; none (null) without a settings row. */
    private static final class Ordinals {
        private long next;
        private final long end;

        Ordinals(long next, long end) {
            this.next = next;
            this.end = end;
        }

        Long next() {
            return next < end ? next++ : null;
        }
    }

    /**
     * Takes {@code count} numbers from the workspace's counter. The row stays locked until the
     * page's transaction ends, so two instances saving pages at once never share a number.
     */
    private Ordinals reserve(long workspaceId, int count) {
        if (count == 0) {
            return new Ordinals(0, 0);
        }
        int taken = jdbc.sql("UPDATE cdp_settings SET next_ordinal = next_ordinal + ? WHERE workspace_id = ?")
                .params(count, workspaceId)
                .update();
        if (taken == 0) {
            return new Ordinals(0, 0);
        }
        long end = jdbc.sql("SELECT next_ordinal FROM cdp_settings WHERE workspace_id = ?")
                .param(workspaceId)
                .query(Long.class)
                .single();
        return new Ordinals(end - count, end);
    }

    private static String clip(String reason) {
        return reason == null ? null : reason.length() > 500 ? reason.substring(0, 499) + "…" : reason;
    }

    /**
     * Records of an object a complete read in run {@code run} did not see, still live: gone from
     * Attio. A record counts as seen when this run saved it, or when its number is in {@code seen}
     * (read, found unchanged, not written). Streamed: only the gone ones are kept. The scan reads
     * two columns of every record and the gone ones' snapshots are looked up after it: on a daily
     * sync nothing is gone, and materialising a whole snapshot of each of 50,000 records only to
     * drop it was a sixth of the sync thread's time with nothing changed.
     */
    List<Snapshot> goneAfter(long workspaceId, String object, long run, java.util.BitSet seen) {
        List<String> gone = new ArrayList<>();
        jdbc.sql("SELECT record_id, ordinal FROM cdp_records WHERE workspace_id = ? AND object_type = ?"
                        + " AND seen_run < ? AND outcome <> 'deleted'")
                .params(workspaceId, object, run)
                .query(rs -> {
                    long ordinal = rs.getLong(2);
                    java.util.OptionalInt bit = rs.wasNull() ? java.util.OptionalInt.empty() : Snapshot.bitOf(ordinal);
                    if (bit.isEmpty() || !seen.get(bit.getAsInt())) {
                        gone.add(rs.getString(1));
                    }
                });
        if (gone.isEmpty()) {
            return List.of();
        }
        Map<String, Snapshot> snapshots = of(workspaceId, object, gone);
        return gone.stream()
                .sorted()
                .map(snapshots::get)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /**
     * How many records of an object the workspace's runs found in Attio and not gone since, counted
     * up to {@code atMost}: the caller only needs to know whether there are that many, and a count of
     * every record was a tenth of a daily sync's time with nothing changed.
     */
    long live(long workspaceId, String object, long atMost) {
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM cdp_records WHERE workspace_id = ? AND object_type = ?"
                        + " AND outcome <> 'deleted' LIMIT ?) AS live")
                .params(workspaceId, object, atMost)
                .query(Long.class)
                .single();
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
