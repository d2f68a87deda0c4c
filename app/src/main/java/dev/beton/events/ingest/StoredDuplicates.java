package dev.beton.events.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.duckdb.DuckDBAppender;

/**
 * Which of a commit's events are already stored. An event is a duplicate when an event with the
 * same uuid is stored with a timestamp on the same UTC day — what an SDK retry or a re-imported
 * file resends (a retry without a timestamp gets the server's time again, so the key cannot be the
 * exact timestamp). PostHog's events table deduplicates on the same grounds: its sorting key
 * holds the uuid and the timestamp's date.
 *
 * <p>Why not a unique index on {@code uuid}: DuckDB's ART index must stay in memory and grows with
 * every stored event (60–100 bytes each), so an import's memory grew with the store's size (1.9 GB
 * at 10 M events) whatever the warehouse budget. This check instead joins the commit's keys
 * (small: the hash table is built on them) with the events of the commit's time range only: the
 * range predicate lets DuckDB skip every row group whose timestamp zone map lies outside it, so a
 * capture commit reads only the newest row groups and a time-ordered import only its own days, and
 * the scan runs inside the buffer pool's budget. The workspace's single writer thread makes the
 * check and the append that follows it race-free. The trade-off: the same uuid on another day is
 * stored twice, as in PostHog.
 *
 * <p>Only the events whose uuid the day's {@link DayUuidFilters filter} may have seen are joined:
 * the scan of a day's events then happens once per day and process, not once per commit.
 */
final class StoredDuplicates {

    private final Staging staging;
    private final DayUuidFilters filters;

    StoredDuplicates(Staging staging) {
        this(staging, DayUuidFilters.LEAST_CAPACITY);
    }

    /** @param leastCapacity see {@link DayUuidFilters#DayUuidFilters(long)} */
    StoredDuplicates(Staging staging, long leastCapacity) {
        this.staging = staging;
        this.filters = new DayUuidFilters(leastCapacity);
    }

    /** The key an event is deduplicated by: its uuid and the UTC day of its timestamp. */
    record Key(UUID uuid, LocalDate day) {

        static Key of(IncomingEvent event) {
            return new Key(event.uuid(), LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC));
        }
    }

    /**
     * Which of {@code events} (distinct keys, as the writer passes them) are stored already.
     *
     * @return for each event, in order, whether it is stored
     */
    boolean[] find(Connection connection, List<IncomingEvent> events) throws SQLException {
        boolean[] stored = new boolean[events.size()];
        Set<Key> found = query(connection, mayBeStored(connection, events));
        if (!found.isEmpty()) {
            for (int i = 0; i < stored.length; i++) {
                stored[i] = found.contains(Key.of(events.get(i)));
            }
        }
        return stored;
    }

    /**
     * The events not {@code stored} were appended (the transaction not committed yet). If it rolls
     * back, their uuids stay in the filters: that only sends them to the store's check, which finds
     * them not stored.
     */
    void appended(List<IncomingEvent> events, boolean[] stored) {
        for (int i = 0; i < stored.length; i++) {
            if (!stored[i]) {
                IncomingEvent event = events.get(i);
                filters.appended(Key.of(event).day(), event.uuid());
            }
        }
    }

    private List<IncomingEvent> mayBeStored(Connection connection, List<IncomingEvent> events) throws SQLException {
        if (!events.stream().allMatch(StoredDuplicates::dayFitsTheStore)) {
            return events;
        }
        LocalDate[] dayOf = new LocalDate[events.size()];
        Map<LocalDate, Long> days = new HashMap<>();
        for (int i = 0; i < dayOf.length; i++) {
            dayOf[i] = Key.of(events.get(i)).day();
            days.merge(dayOf[i], 1L, Long::sum);
        }
        if (days.size() > DayUuidFilters.MAX_DAYS) {
            return events;
        }
        filters.cover(connection, days);
        List<IncomingEvent> candidates = new ArrayList<>();
        for (int i = 0; i < dayOf.length; i++) {
            if (filters.mayHold(dayOf[i], events.get(i).uuid())) {
                candidates.add(events.get(i));
            }
        }
        return candidates;
    }

    /**
     * Whether the event's day can be asked about: a timestamp beyond what DuckDB holds takes the
     * joined check, whose appender fails with the data error that tells the request 400.
     */
    private static boolean dayFitsTheStore(IncomingEvent event) {
        return Math.abs(event.timestamp().getEpochSecond()) < Long.MAX_VALUE / 1_000_000 - 2 * 86_400;
    }

    private Set<Key> query(Connection connection, List<IncomingEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return Set.of();
        }
        LocalDate first = LocalDate.MAX;
        LocalDate last = LocalDate.MIN;
        try (DuckDBAppender appender = staging.appender(connection, Staging.KEYS)) {
            for (IncomingEvent event : events) {
                Key key = Key.of(event);
                appender.beginRow()
                        .append(key.uuid())
                        // The exact timestamp, as the events appender will store it: a value DuckDB
                        // cannot hold fails here with the same data error (a 400 for that request).
                        .append(LocalDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC))
                        .endRow();
                first = key.day().isBefore(first) ? key.day() : first;
                last = key.day().isAfter(last) ? key.day() : last;
            }
        }
        String sql = "SELECT k.uuid, CAST(k.timestamp AS DATE) FROM " + Staging.KEYS
                + " k WHERE EXISTS (SELECT 1 FROM events e"
                + " WHERE e.timestamp >= ? AND e.timestamp < ? AND e.uuid = k.uuid"
                + " AND CAST(e.timestamp AS DATE) = CAST(k.timestamp AS DATE))";
        Set<Key> stored = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, first.atStartOfDay());
            statement.setObject(2, last.plusDays(1).atStartOfDay());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stored.add(new Key(rows.getObject(1, UUID.class), rows.getObject(2, LocalDate.class)));
                }
            }
        }
        return stored;
    }
}
