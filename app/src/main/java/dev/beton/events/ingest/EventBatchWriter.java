package dev.beton.events.ingest;

import dev.beton.events.WarehouseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
    private final GroupTypes groupTypes;
    private final Staging staging = new Staging();
    private final PersonDirectory persons = new PersonDirectory(staging);
    private final StoredDuplicates duplicates = new StoredDuplicates(staging);
    private final ProfileWriter profiles;
    private final Runnable afterEventsAppended;

    EventBatchWriter(Clock clock, ProfileWriter profiles, CaptureGroupTypes policy) {
        this(clock, profiles, policy, () -> {});
    }

    /** @param afterEventsAppended runs mid-commit, between the events and the profiles (tests crash there) */
    EventBatchWriter(Clock clock, ProfileWriter profiles, CaptureGroupTypes policy, Runnable afterEventsAppended) {
        this.clock = clock;
        this.profiles = profiles;
        this.groupTypes = new GroupTypes(policy.automaticGroupTypes());
        this.afterEventsAppended = afterEventsAppended;
    }

    /** An admin changed the group types: read them again before the next commit (writer thread only). */
    void forgetGroupTypes() {
        groupTypes.forget();
    }

    /**
     * Commits a group of requests together. When that fails, each request is committed alone, so
     * one request the store cannot take (a poison event that slipped through validation) fails
     * only itself and the others of its group are still stored and acknowledged.
     */
    void commit(Connection connection, List<CommitQueue.Pending> group) {
        try {
            commitTogether(connection, group);
        } catch (SQLException | RuntimeException e) {
            if (profiles.insertsNewRowsPlainly() && isDuplicateKey(e)) {
                log.warn(
                        "A profile row taken for new was stored already ({}); upserting every profile row from now on",
                        firstLine(e.getMessage()));
                profiles.upsertNewRowsToo();
                commit(connection, group);
                return;
            }
            if (group.size() == 1) {
                group.getFirst().done().completeExceptionally(failure(e));
                return;
            }
            log.warn("A commit of {} requests failed ({}); committing them one by one", group.size(), e.getMessage());
            for (CommitQueue.Pending pending : group) {
                try {
                    commitTogether(connection, List.of(pending));
                } catch (SQLException | RuntimeException alone) {
                    pending.done().completeExceptionally(failure(alone));
                }
            }
        }
    }

    /**
     * One transaction for the requests that pass admission; they complete only after it commits.
     * On failure everything is rolled back, nothing is completed, and the failure is thrown.
     */
    private void commitTogether(Connection connection, List<CommitQueue.Pending> group) throws SQLException {
        try {
            prepare(connection);
            List<CommitQueue.Pending> accepted = group;
            for (CommitQueue.Pending pending : group) {
                registerGroupTypes(pending);
            }
            begin(connection);
            List<IngestResult> results = write(connection, accepted);
            execute(connection, "COMMIT");
            groupTypes.committed();
            for (int i = 0; i < accepted.size(); i++) {
                accepted.get(i).done().complete(results.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            rollBack(connection);
            throw e;
        }
    }

    /**
     * Opens the transaction with an explicit statement. DuckDB's Appender does not join the
     * transaction that JDBC's {@code setAutoCommit(false)} only promises: when an append is the
     * first thing after it (all distinct ids cached, so no lookup ran before), the appended rows
     * are committed on their own and survive a rollback or a crash — a request's events were
     * stored in part although it was never acknowledged. {@code BEGIN TRANSACTION} makes the
     * transaction real before the first row is appended.
     */
    private static void begin(Connection connection) throws SQLException {
        execute(connection, "BEGIN TRANSACTION");
    }

    /**
     * What a request whose commit failed (alone) is told. A failure caused by the data itself
     * (a value DuckDB cannot hold) would fail every retry: 400 for that request, so SDKs stop
     * resending it. Anything else (I/O, memory) may pass: 503, nothing stored, retry later.
     */
    static RuntimeException failure(Exception e) {
        if (isCausedByTheData(e)) {
            return EventRejected.badRequest("event could not be stored: " + firstLine(e.getMessage()));
        }
        return new WarehouseException("Storing events failed: " + e.getMessage(), e);
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof SQLException
                    && message.startsWith("Constraint Error")
                    && message.contains("Duplicate key")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCausedByTheData(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ArithmeticException
                    || cause instanceof java.time.DateTimeException
                    || cause instanceof IllegalArgumentException) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof SQLException
                    && (message.startsWith("Conversion Error")
                            || message.startsWith("Invalid Input Error")
                            || message.startsWith("Out of Range Error"))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        String text = message == null ? "unknown reason" : message;
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private void prepare(Connection connection) throws SQLException {
        staging.prepare(connection);
        groupTypes.load(connection);
    }

    /** Gives the group types a request uses a slot, when the workspace's policy lets them have one. */
    private void registerGroupTypes(CommitQueue.Pending pending) {
        List<String> types = new ArrayList<>();
        for (IncomingEvent event : pending.events()) {
            types.addAll(event.groups().keySet());
            event.groupIdentify().ifPresent(identify -> types.add(identify.type()));
        }
        groupTypes.registerAll(types);
    }

    private List<IngestResult> write(Connection connection, List<CommitQueue.Pending> accepted) throws SQLException {
        List<IncomingEvent> events = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> repeatedInCommit = new ArrayList<>();
        Set<StoredDuplicates.Key> seen = new HashSet<>();
        for (int p = 0; p < accepted.size(); p++) {
            int repeated = 0;
            for (IncomingEvent event : accepted.get(p).events()) {
                if (seen.add(StoredDuplicates.Key.of(event))) {
                    events.add(event);
                    owner.add(p);
                } else {
                    repeated++;
                }
            }
            repeatedInCommit.add(repeated);
        }
        PersonDirectory.Resolution resolution = persons.resolve(connection, events);
        boolean[] stored = duplicates.find(connection, events);
        appendEvents(connection, events, resolution.personIds(), stored);
        duplicates.appended(events, stored);
        afterEventsAppended.run();
        profiles.writePersons(connection, staging, events, resolution);
        profiles.writeGroups(connection, staging, events, groupTypes);
        profiles.writeGroupTypes(connection, groupTypes.added());
        persons.committed(resolution);
        return results(accepted, owner, repeatedInCommit, events, stored);
    }

    /** Appends every event not {@code stored} already straight into {@code events}. */
    private void appendEvents(Connection connection, List<IncomingEvent> events, UUID[] personIds, boolean[] stored)
            throws SQLException {
        LocalDateTime insertedAt = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("events")) {
            for (int i = 0; i < events.size(); i++) {
                IncomingEvent event = events.get(i);
                if (stored[i]) {
                    continue;
                }
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
    }

    private String[] groupSlots(Map<String, String> groups) {
        String[] slots = new String[GroupTypes.MAX_GROUP_TYPES];
        groups.forEach((type, key) -> groupTypes.indexOf(type).ifPresent(index -> slots[index] = key));
        return slots;
    }

    /** Counts, per request, what was written and what was a repeat (in the commit or in the store). */
    private static List<IngestResult> results(
            List<CommitQueue.Pending> accepted,
            List<Integer> owner,
            List<Integer> repeated,
            List<IncomingEvent> events,
            boolean[] stored) {
        int[] written = new int[accepted.size()];
        int[] duplicates = new int[accepted.size()];
        for (int i = 0; i < events.size(); i++) {
            if (stored[i]) {
                duplicates[owner.get(i)]++;
            } else {
                written[owner.get(i)]++;
            }
        }
        List<IngestResult> results = new ArrayList<>();
        for (int p = 0; p < accepted.size(); p++) {
            results.add(new IngestResult(written[p], repeated.get(p) + duplicates[p]));
        }
        return results;
    }

    private void rollBack(Connection connection) {
        groupTypes.forget();
        persons.forget();
        try {
            rollBackTransaction(connection);
        } catch (SQLException e) {
            throw new WarehouseException("Rolling back a failed event commit failed: " + e.getMessage(), e);
        }
    }

    private static void rollBackTransaction(Connection connection) throws SQLException {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                throw e;
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
