package dev.beton.bizevents;

import dev.beton.events.EmbeddedWarehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the warehouse table {@code business_events} (typed columns, one row per business event)
 * in step with the business events in {@code events}.
 *
 * <ul>
 *   <li>On arrival: {@link BusinessEventArrivals} hands over each committed request's rows; they
 *       are written behind the request (its 200 does not wait for them), coalesced, on the
 *       workspace's writer thread.
 *   <li>Before a read: {@link #ready} writes what is still queued and, the first time a workspace
 *       is read after start-up, catches up: every business event in {@code events} without a row
 *       (stored before this table existed, written straight into the store, or whose row was lost
 *       with a crash between the event's commit and its row's) is validated as on arrival and gets
 *       its row; a broken one not flagged yet is flagged.
 *   <li>Retention deletes the rows with their events ({@link #deleteBefore}).
 * </ul>
 */
@Component
class BusinessEventTable {

    private static final Logger log = LoggerFactory.getLogger(BusinessEventTable.class);
    private static final String STAGING = "business_events_arriving";
    /** Bounds the memory of one write (and of one catch-up round). */
    static final int CHUNK = 50_000;

    private static final String NAMES =
            BusinessEventType.NAMES.stream().sorted().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    private static final String MISSING = "SELECT e.uuid, e.event, e.timestamp, e.properties FROM events e"
            + " WHERE e.event IN (" + NAMES + ")"
            + " AND NOT EXISTS (SELECT 1 FROM business_events b WHERE b.uuid = e.uuid) LIMIT " + CHUNK;

    /** A workspace's rows waiting to be written. */
    private static final class Queue {
        final ConcurrentLinkedQueue<BusinessEventRow> rows = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        /** Rows handed over and not written (or given up on) yet. */
        final AtomicLong outstanding = new AtomicLong();
    }

    private final EmbeddedWarehouse warehouse;
    private final JsonMapper json;
    private final EventIssues issues;
    private final Map<Long, Queue> queues = new ConcurrentHashMap<>();
    /** Workspaces caught up since start-up (and since their last failed write). */
    private final Set<Long> caughtUp = ConcurrentHashMap.newKeySet();

    private final Map<Long, Object> catchUpLocks = new ConcurrentHashMap<>();

    BusinessEventTable(EmbeddedWarehouse warehouse, JsonMapper json, EventIssues issues) {
        this.warehouse = warehouse;
        this.json = json;
        this.issues = issues;
    }

    /** The row of an event as validated on arrival. */
    static BusinessEventRow row(
            UUID uuid, String event, Instant at, BusinessEventValidator.Result result, JsonNode properties) {
        if (result.valid()) {
            return BusinessEventRow.valid(uuid, event, at, result.event());
        }
        JsonNode tenant = properties == null ? null : properties.get("tenant_id");
        return BusinessEventRow.invalid(
                uuid, event, at, tenant != null && tenant.isString() ? tenant.stringValue() : null);
    }

    /** Queues a committed request's rows; they are written soon after, on the writer thread. */
    void add(long workspaceId, List<BusinessEventRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Queue queue = queues.computeIfAbsent(workspaceId, id -> new Queue());
        queue.outstanding.addAndGet(rows.size());
        queue.rows.addAll(rows);
        schedule(workspaceId, queue);
    }

    private void schedule(long workspaceId, Queue queue) {
        if (queue.rows.isEmpty() || !queue.scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            warehouse.submitWrite(workspaceId, connection -> {
                queue.scheduled.set(false);
                drain(workspaceId, queue, connection);
                schedule(workspaceId, queue);
                return null;
            });
        } catch (RuntimeException e) {
            queue.scheduled.set(false);
            giveUp(workspaceId, queue, e);
        }
    }

    /** Writes what is queued (writer thread only); a failure leaves the rows to the next catch-up. */
    private void drain(long workspaceId, Queue queue, Connection connection) {
        List<BusinessEventRow> batch = new ArrayList<>();
        for (BusinessEventRow row; batch.size() < CHUNK && (row = queue.rows.poll()) != null; ) {
            batch.add(row);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            insert(workspaceId, connection, batch);
        } catch (SQLException | RuntimeException e) {
            log.warn(
                    "Typed rows of {} business events of workspace {} not written ({}); the next summary catches up",
                    batch.size(),
                    workspaceId,
                    e.getMessage());
            caughtUp.remove(workspaceId);
        } finally {
            queue.outstanding.addAndGet(-batch.size());
        }
    }

    private void giveUp(long workspaceId, Queue queue, RuntimeException e) {
        int dropped = 0;
        while (queue.rows.poll() != null) {
            dropped++;
        }
        queue.outstanding.addAndGet(-dropped);
        caughtUp.remove(workspaceId);
        log.warn("Typed rows of workspace {} not written ({}); the next summary catches up", workspaceId, e.toString());
    }

    /**
     * Makes the table complete for reading: everything handed over so far is written, and (the
     * first time after start-up) every business event of the store has its row. Cheap when both
     * are already so: no write at all.
     */
    void ready(long workspaceId) {
        flush(workspaceId);
        if (!caughtUp.contains(workspaceId)) {
            catchUp(workspaceId);
        }
        if (!daysBuilt.contains(workspaceId)) {
            warehouse.write(workspaceId, connection -> {
                connection.setAutoCommit(false);
                try {
                    if (BusinessEventDays.ensureBuilt(connection)) {
                        log.info("Workspace {}: business event day rows built from the typed rows", workspaceId);
                    }
                    connection.commit();
                    return null;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            });
            daysBuilt.add(workspaceId);
        }
    }

    /** Workspaces whose day rows are known to be built since start-up. */
    private final Set<Long> daysBuilt = ConcurrentHashMap.newKeySet();

    /** Writes everything handed over so far (on the writer thread, behind what is queued there). */
    void flush(long workspaceId) {
        Queue queue = queues.get(workspaceId);
        if (queue == null || queue.outstanding.get() == 0) {
            return;
        }
        warehouse.write(workspaceId, connection -> {
            while (!queue.rows.isEmpty()) {
                drain(workspaceId, queue, connection);
            }
            return null;
        });
    }

    /**
     * Gives every business event without a row its row, validated as on arrival (the flagged ones
     * not flagged yet are flagged), in rounds of {@value #CHUNK} (DuckDB's JDBC results are
     * materialized, so one pass would hold every missing event in memory at once), each round its
     * own write so commits of arriving events go on between them.
     *
     * @return rows added
     */
    long catchUp(long workspaceId) {
        synchronized (catchUpLocks.computeIfAbsent(workspaceId, id -> new Object())) {
            if (caughtUp.contains(workspaceId)) {
                return 0;
            }
            Set<String> flagged = new HashSet<>(issues.flaggedUuids(workspaceId));
            long added = 0;
            while (true) {
                List<BusinessEventRow> round = warehouse.read(workspaceId, connection -> {
                    List<BusinessEventRow> rows = new ArrayList<>();
                    try (Statement statement = connection.createStatement();
                            ResultSet rs = statement.executeQuery(MISSING)) {
                        while (rs.next()) {
                            rows.add(typed(workspaceId, rs, flagged));
                        }
                    }
                    return rows;
                });
                added += write(workspaceId, round);
                if (round.size() < CHUNK) {
                    break;
                }
            }
            caughtUp.add(workspaceId);
            if (added > 0) {
                log.info("Workspace {}: typed rows of {} business events caught up", workspaceId, added);
            }
            return added;
        }
    }

    /** Writes a round of caught-up rows; @return how many there were */
    private long write(long workspaceId, List<BusinessEventRow> round) {
        if (round.isEmpty()) {
            return 0;
        }
        warehouse.write(workspaceId, connection -> {
            insert(workspaceId, connection, round);
            return null;
        });
        return round.size();
    }

    private BusinessEventRow typed(long workspaceId, ResultSet rs, Set<String> flagged) throws SQLException {
        UUID uuid = rs.getObject(1, UUID.class);
        String event = rs.getString(2);
        Instant at = rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        String text = rs.getString(4);
        JsonNode properties = text == null ? null : json.readTree(text);
        BusinessEventValidator.Result result =
                BusinessEventValidator.validate(BusinessEventType.of(event).orElseThrow(), properties);
        BusinessEventRow row = row(uuid, event, at, result, properties);
        if (!result.valid() && flagged.add(uuid.toString())) {
            issues.record(workspaceId, uuid.toString(), event, row.tenantId(), result.errors());
        }
        return row;
    }

    /**
     * Inserts rows, an event's row only once (a repeated event, a row already caught up), and their
     * day rows ({@link BusinessEventDays}) in the same transaction, so the two never disagree.
     */
    private void insert(long workspaceId, Connection connection, List<BusinessEventRow> rows) throws SQLException {
        Map<UUID, BusinessEventRow> once = new LinkedHashMap<>();
        rows.forEach(row -> once.putIfAbsent(row.uuid(), row));
        long appended;
        if (!connection.getAutoCommit()) {
            appended = insert(connection, once.values(), true);
        } else {
            connection.setAutoCommit(false);
            try {
                long fast = insert(connection, once.values(), false);
                if (fast < 0) {
                    // Some were stored already: undo, and leave those out before inserting, so the
                    // day rows count only what the table gained. Rare, so the common write does not
                    // pay for a look at every stored uuid.
                    connection.rollback();
                    fast = insert(connection, once.values(), true);
                }
                connection.commit();
                appended = fast;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        compactWhenGrown(workspaceId, connection, appended);
    }

    /**
     * @param leaveOutStored whether to drop the rows whose event has a row already before inserting
     * @return day rows appended, or -1 when (not leaving them out) some rows were there already
     */
    private static long insert(
            Connection connection, java.util.Collection<BusinessEventRow> rows, boolean leaveOutStored)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS " + STAGING + " AS SELECT * FROM business_events LIMIT 0");
            statement.execute("DELETE FROM " + STAGING);
            try (DuckDBAppender appender =
                    connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", STAGING)) {
                for (BusinessEventRow row : rows) {
                    row.appendTo(appender);
                }
            }
            int staged = rows.size();
            if (leaveOutStored) {
                staged -= statement.executeUpdate("DELETE FROM " + STAGING
                        + " s WHERE EXISTS (SELECT 1 FROM business_events b WHERE b.uuid = s.uuid)");
            }
            int inserted = statement.executeUpdate("INSERT OR IGNORE INTO business_events SELECT * FROM " + STAGING);
            if (inserted != staged) {
                return -1;
            }
            long appended = BusinessEventDays.add(connection, STAGING);
            statement.execute("DELETE FROM " + STAGING);
            return appended;
        }
    }

    /** Day rows appended per workspace since they were last folded, and how many were left then. */
    private final Map<Long, long[]> dayRowGrowth = new ConcurrentHashMap<>();

    /**
     * Folds the day rows when the writes since the last time appended as many as were left then
     * (at least {@value #COMPACT_AFTER}): each write appends its own, so without this a stream of
     * small writes would leave a row per write and day.
     */
    private void compactWhenGrown(long workspaceId, Connection connection, long appended) throws SQLException {
        long[] growth = dayRowGrowth.computeIfAbsent(workspaceId, id -> new long[2]);
        growth[0] += appended;
        if (connection.getAutoCommit() && growth[0] >= Math.max(COMPACT_AFTER, growth[1])) {
            connection.setAutoCommit(false);
            try {
                growth[1] = BusinessEventDays.compact(connection);
                connection.commit();
                growth[0] = 0;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    static final int COMPACT_AFTER = 10_000;

    /** Retention, inside its write: the rows of the events it deletes. */
    static int deleteBefore(Connection connection, Instant cutoff) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("DELETE FROM business_events WHERE timestamp < ?")) {
            statement.setObject(1, LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            int deleted = statement.executeUpdate();
            BusinessEventDays.forgetBefore(connection, cutoff);
            return deleted;
        }
    }
}
