package dev.beton.events.ingest;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * For each UTC day a workspace's writer has checked lately, a Bloom filter of the uuids of the
 * events stored on that day: an event whose uuid it has not seen is certainly not a repeat, so the
 * store is asked only about the few it may have seen. Why: without it every commit joined its keys
 * with all of the day's stored events, so a commit cost more the more had come in that day (a CRM
 * sync's 120th page scanned the 59,500 events of the pages before it; capture of a busy day the
 * day's millions).
 *
 * <p>A day's filter is read from the store once (one scan of that day's events) and then kept up
 * to date by the writer, which is the only thing that appends events, and read again when it fills
 * up. Uuids of deleted events, or of a commit that rolled back, stay in it: that only sends them to
 * the store's check, which finds them not stored (a filter can err only that way). Memory: about
 * 2.4 bytes per uuid of the day when read (room for as many again), at most ~24 MB a day, for the
 * eight days used last. Writer thread only.
 */
final class DayUuidFilters {

    /** A commit spanning more days than this (an import of a long history) is checked by the store alone. */
    static final int MAX_DAYS = 7;

    /** The days a commit may span, and one more. */
    private static final int DAYS_KEPT = MAX_DAYS + 1;

    static final long LEAST_CAPACITY = 50_000;
    /** ~24 MB of heap at 1 %: a busier day's filter lets more uuids through to the store's check. */
    private static final long MOST_CAPACITY = 20_000_000;

    private static final double FALSE_POSITIVES = 0.01;
    private static final Funnel<UUID> UUIDS =
            (uuid, into) -> into.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());

    private static final class Day {
        final BloomFilter<UUID> filter;
        final long capacity;
        long added;

        Day(long capacity) {
            this.capacity = capacity;
            this.filter = BloomFilter.create(UUIDS, capacity, FALSE_POSITIVES);
        }

        /** Past its room with {@code more}, unless it is as large as a filter gets: then it answers "may have" more often. */
        boolean wouldOverflow(long more) {
            return added + more > capacity && capacity < MOST_CAPACITY;
        }
    }

    private final long leastCapacity;

    private final Map<LocalDate, Day> days = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, Day> eldest) {
            return size() > DAYS_KEPT;
        }
    };

    /** @param leastCapacity the uuids a day's filter has room for at least, before it is read again */
    DayUuidFilters(long leastCapacity) {
        this.leastCapacity = leastCapacity;
    }

    /**
     * Gives each day a commit writes to a filter with room for the commit's events of that day:
     * read from the store if the day is not kept or its filter would overflow.
     *
     * @param incoming the commit's events per day
     */
    void cover(Connection connection, Map<LocalDate, Long> incoming) throws SQLException {
        for (Map.Entry<LocalDate, Long> day : incoming.entrySet()) {
            Day known = days.get(day.getKey());
            if (known == null || known.wouldOverflow(day.getValue())) {
                days.put(day.getKey(), read(connection, day.getKey(), day.getValue()));
            }
        }
    }

    /** Whether an event with this uuid may be stored on this day, which {@link #cover} has covered. */
    boolean mayHold(LocalDate day, UUID uuid) {
        return days.get(day).filter.mightContain(uuid);
    }

    /** An event was appended: its day's filter (if one is kept) holds its uuid from now on. */
    void appended(LocalDate day, UUID uuid) {
        Day known = days.get(day);
        if (known != null) {
            known.filter.put(uuid);
            known.added++;
        }
    }

    private Day read(Connection connection, LocalDate day, long incoming) throws SQLException {
        String range = " FROM events WHERE timestamp >= ? AND timestamp < ?";
        long stored;
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*)" + range)) {
            bind(count, day);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                stored = rows.getLong(1);
            }
        }
        // Room for as many again as the day will hold after this commit, so a day still filling up
        // is not read again soon.
        Day read = new Day(Math.min(MOST_CAPACITY, Math.max(leastCapacity, 2 * (stored + incoming))));
        try (PreparedStatement uuids = connection.prepareStatement("SELECT uuid" + range)) {
            bind(uuids, day);
            try (ResultSet rows = uuids.executeQuery()) {
                while (rows.next()) {
                    read.filter.put(rows.getObject(1, UUID.class));
                    read.added++;
                }
            }
        }
        return read;
    }

    private static void bind(PreparedStatement statement, LocalDate day) throws SQLException {
        statement.setObject(1, day.atStartOfDay());
        statement.setObject(2, day.plusDays(1).atStartOfDay());
    }
}
