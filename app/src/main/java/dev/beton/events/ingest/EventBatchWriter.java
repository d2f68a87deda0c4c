package dev.beton.events.ingest;

import dev.beton.events.WarehouseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one commit group: checks what can only be checked against the store (group types),
 * resolves persons, then stores events, persons, distinct-id links and groups in one transaction.
 * Runs on the workspace's writer thread only.
 */
final class EventBatchWriter {

    private static final Logger log = LoggerFactory.getLogger(EventBatchWriter.class);

    private final Clock clock;
    private final GroupTypes groupTypes = new GroupTypes();
    private final PersonDirectory persons = new PersonDirectory();
    private final ProfileWriter profiles;
    private boolean staged;

    EventBatchWriter(Clock clock, ProfileWriter profiles) {
        this.clock = clock;
        this.profiles = profiles;
    }

    void commit(Connection connection, List<CommitQueue.Pending> group) {
        List<CommitQueue.Pending> accepted = new ArrayList<>();
        try {
            prepare(connection);
            for (CommitQueue.Pending pending : group) {
                if (admit(pending)) {
                    accepted.add(pending);
                }
            }
            if (accepted.isEmpty()) {
                return;
            }
            connection.setAutoCommit(false);
            List<IngestResult> results;
            try {
                results = write(connection, accepted, true);
            } catch (SQLException e) {
                // An event of this commit is already stored: redo it the careful way. DuckDB does
                // not always say so: an append that hit the uuid index can leave the transaction
                // unusable, and the next statement (e.g. the persons appender of an event without
                // person processing) fails with a bare "Appender error" instead. The careful path
                // is correct for every batch, so any failure of the fast one is retried once there;
                // a genuine failure fails the careful path too and is reported from it.
                log.debug("Fast append failed ({}); retrying with INSERT OR IGNORE", e.getMessage());
                connection.rollback();
                Staging.clear(connection);
                results = write(connection, accepted, false);
            }
            connection.commit();
            groupTypes.committed();
            for (int i = 0; i < accepted.size(); i++) {
                accepted.get(i).done().complete(results.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            rollBack(connection);
            WarehouseException failure = new WarehouseException("Storing events failed: " + e.getMessage(), e);
            accepted.forEach(pending -> pending.done().completeExceptionally(failure));
        } finally {
            autoCommit(connection);
        }
    }

    private void prepare(Connection connection) throws SQLException {
        if (!staged) {
            Staging.create(connection);
            staged = true;
        } else {
            Staging.clear(connection);
        }
        groupTypes.load(connection);
    }

    /** Registers the group types a request needs; a request that would exceed five is refused. */
    private boolean admit(CommitQueue.Pending pending) {
        List<String> types = new ArrayList<>();
        for (IncomingEvent event : pending.events()) {
            types.addAll(event.groups().keySet());
            event.groupIdentify().ifPresent(identify -> types.add(identify.type()));
        }
        try {
            groupTypes.registerAll(types);
            return true;
        } catch (EventRejected rejected) {
            pending.done().completeExceptionally(rejected);
            return false;
        }
    }

    /**
     * @param optimistic append straight into {@code events} (about twice as fast); its unique uuid
     *     index makes the append fail when an event is already stored, and the caller then retries
     *     with {@code optimistic = false}, which stages the rows and inserts them with {@code INSERT
     *     OR IGNORE}
     */
    private List<IngestResult> write(Connection connection, List<CommitQueue.Pending> accepted, boolean optimistic)
            throws SQLException {
        List<IncomingEvent> events = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> repeatedInCommit = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int p = 0; p < accepted.size(); p++) {
            int repeated = 0;
            for (IncomingEvent event : accepted.get(p).events()) {
                if (seen.add(event.uuid())) {
                    events.add(event);
                    owner.add(p);
                } else {
                    repeated++;
                }
            }
            repeatedInCommit.add(repeated);
        }
        PersonDirectory.Resolution resolution = persons.resolve(connection, events);
        int inserted = appendEvents(connection, events, resolution.personIds(), optimistic);
        profiles.writePersons(connection, events, resolution);
        profiles.writeGroups(connection, events, groupTypes);
        profiles.writeGroupTypes(connection, groupTypes.added());
        persons.committed(resolution);
        return results(accepted, owner, repeatedInCommit, events.size() - inserted);
    }

    private int appendEvents(Connection connection, List<IncomingEvent> events, UUID[] personIds, boolean direct)
            throws SQLException {
        LocalDateTime insertedAt = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (DuckDBAppender appender = direct
                ? connection.unwrap(DuckDBConnection.class).createAppender("events")
                : Staging.appender(connection, Staging.EVENTS)) {
            for (int i = 0; i < events.size(); i++) {
                IncomingEvent event = events.get(i);
                appender.beginRow()
                        .append(event.uuid())
                        .append(event.event())
                        .append(event.distinctId())
                        .append(personIds[i])
                        .append(LocalDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC))
                        .append(event.propertiesJson());
                String[] slots = groupSlots(event.groups());
                for (String slot : slots) {
                    if (slot == null) {
                        appender.appendNull();
                    } else {
                        appender.append(slot);
                    }
                }
                appender.append(insertedAt).endRow();
            }
        }
        if (direct) {
            return events.size();
        }
        return Staging.execute(connection, "INSERT OR IGNORE INTO events SELECT * FROM " + Staging.EVENTS);
    }

    private String[] groupSlots(Map<String, String> groups) {
        String[] slots = new String[GroupTypes.MAX_GROUP_TYPES];
        groups.forEach((type, key) -> groupTypes.indexOf(type).ifPresent(index -> slots[index] = key));
        return slots;
    }

    /**
     * Duplicates found in the store are attributed exactly when the commit holds one request (the
     * import and demo case); across several requests they are assigned in order, which only
     * affects the counts reported, never what is stored.
     */
    private static List<IngestResult> results(
            List<CommitQueue.Pending> accepted, List<Integer> owner, List<Integer> repeated, int storedDuplicates) {
        int[] written = new int[accepted.size()];
        owner.forEach(p -> written[p]++);
        List<IngestResult> results = new ArrayList<>();
        int remaining = storedDuplicates;
        for (int p = 0; p < accepted.size(); p++) {
            int duplicates = Math.min(remaining, written[p]);
            remaining -= duplicates;
            results.add(new IngestResult(written[p] - duplicates, repeated.get(p) + duplicates));
        }
        return results;
    }

    private void rollBack(Connection connection) {
        groupTypes.forget();
        persons.forget();
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new WarehouseException("Rolling back a failed event commit failed: " + e.getMessage(), e);
        }
    }

    private static void autoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new WarehouseException("The writer connection cannot return to auto-commit: " + e.getMessage(), e);
        }
    }
}
