package dev.beton.backtest;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * One key's non-empty buckets of a replay scan ({@link ReplayWindows}), ascending, in primitive
 * arrays: a 10 M-event scan has millions of (account, key, bucket) aggregates, and holding each as
 * boxed values (two {@code LocalDateTime}s, a {@code Long}, an {@code Integer}) was most of the
 * replay's heap. Times are epoch microseconds of the warehouse's UTC wall time, turned into {@code
 * LocalDateTime} only for the rows a day reads.
 */
final class BucketSeries {

    private final int[] buckets;
    private final long[] prefix;
    private final long[] first;
    private final long[] last;
    /** Least distinct id per bucket, or null when the scan did not read it. */
    private final String[] least;
    /**
     * For each bucket from the first to the last, the position of the first non-empty bucket at or
     * after it; null when the key is active on too few of those buckets to be worth it. A replay
     * looks up each key's window edges every day (10,000 accounts × 180 days × a few edges per
     * signal): a binary search each time was a tenth of the replay.
     */
    private final int[] positions;

    private BucketSeries(int[] buckets, long[] prefix, long[] first, long[] last, String[] least) {
        this.buckets = buckets;
        this.prefix = prefix;
        this.first = first;
        this.last = last;
        this.least = least;
        this.positions = positions(buckets);
    }

    private static int[] positions(int[] buckets) {
        int n = buckets.length;
        if (n == 0 || (long) buckets[n - 1] - buckets[0] + 1 > 2L * n + 16) {
            return null;
        }
        int[] positions = new int[buckets[n - 1] - buckets[0] + 1];
        for (int i = 0, b = buckets[0]; b <= buckets[n - 1]; b++) {
            while (buckets[i] < b) {
                i++;
            }
            positions[b - buckets[0]] = i;
        }
        return positions;
    }

    /** The events in buckets {@code [from, to)}. */
    long count(int from, int to) {
        if (buckets.length == 0 || to <= buckets[0] || from > buckets[buckets.length - 1]) {
            return 0; // most keys of a sparse scan have nothing near a given day
        }
        int lo = index(from);
        int hi = index(to);
        return lo >= hi ? 0 : prefix[hi] - prefix[lo];
    }

    /** The aggregates of buckets {@code [from, to)}. */
    Range range(int from, int to) {
        return between(index(from), index(to));
    }

    /**
     * The aggregates from the non-empty bucket at {@code position} up to bucket {@code to}: a
     * newcomer's window starts at its gap start, whose position is known, and ends at most 7
     * buckets later.
     */
    Range rangeFrom(int position, int to) {
        int hi = position;
        while (hi < buckets.length && buckets[hi] < to) {
            hi++;
        }
        return between(position, hi);
    }

    private Range between(int lo, int hi) {
        if (lo >= hi) {
            return Range.EMPTY;
        }
        String leastText = null;
        if (least != null) {
            for (int i = lo; i < hi; i++) {
                if (least[i] != null && (leastText == null || least[i].compareTo(leastText) < 0)) {
                    leastText = least[i];
                }
            }
        }
        return new Range(prefix[hi] - prefix[lo], first[lo], last[hi - 1], leastText);
    }

    /** The position of the first non-empty bucket at or after {@code bucket}. */
    private int index(int bucket) {
        if (positions != null) {
            if (bucket <= buckets[0]) {
                return 0;
            }
            int offset = bucket - buckets[0];
            return offset >= positions.length ? buckets.length : positions[offset];
        }
        int i = Arrays.binarySearch(buckets, bucket);
        return i >= 0 ? i : -i - 1;
    }

    /** Aggregates of one window, a run of buckets; the times only when {@code count > 0}. */
    record Range(long count, long firstMicros, long lastMicros, String leastText) {

        static final Range EMPTY = new Range(0, 0, 0, null);

        LocalDateTime first() {
            return utc(firstMicros);
        }

        LocalDateTime last() {
            return utc(lastMicros);
        }
    }

    /** The wall time of epoch microseconds read as UTC (DuckDB's {@code epoch_us} of a TIMESTAMP). */
    static LocalDateTime utc(long micros) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
    }

    /** Buckets added in ascending order (the scans sort them). */
    static final class Builder {
        private final boolean withLeast;
        private int size;
        private int[] buckets = new int[8];
        private long[] counts = new long[8];
        private long[] first = new long[8];
        private long[] last = new long[8];
        private String[] least;

        Builder(boolean withLeast) {
            this.withLeast = withLeast;
            this.least = withLeast ? new String[8] : null;
        }

        void add(int bucket, long count, long firstMicros, long lastMicros, String leastText) {
            if (size > 0 && bucket <= buckets[size - 1]) {
                throw new IllegalStateException("Buckets out of order: " + bucket + " after " + buckets[size - 1]);
            }
            if (size == buckets.length) {
                int grown = size * 2;
                buckets = Arrays.copyOf(buckets, grown);
                counts = Arrays.copyOf(counts, grown);
                first = Arrays.copyOf(first, grown);
                last = Arrays.copyOf(last, grown);
                least = withLeast ? Arrays.copyOf(least, grown) : null;
            }
            buckets[size] = bucket;
            counts[size] = count;
            first[size] = firstMicros;
            last[size] = lastMicros;
            if (withLeast) {
                least[size] = leastText;
            }
            size++;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** The position the last bucket added has in the series being built. */
        int lastPosition() {
            return size - 1;
        }

        /** The series so far (trimmed to size); the builder starts over. */
        BucketSeries build() {
            long[] prefix = new long[size + 1];
            for (int i = 0; i < size; i++) {
                prefix[i + 1] = prefix[i] + counts[i];
            }
            BucketSeries series = new BucketSeries(
                    Arrays.copyOf(buckets, size),
                    prefix,
                    Arrays.copyOf(first, size),
                    Arrays.copyOf(last, size),
                    withLeast ? Arrays.copyOf(least, size) : null);
            size = 0;
            return series;
        }
    }
}
