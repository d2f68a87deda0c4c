package dev.beton.backtest;

import java.util.Arrays;
import java.util.List;

/**
 * For each replayed day, the keys that are "new in the last 7 days" as of it (feature adoption,
 * team growth) on a whole-day bucket grid. A key is new as of day edge {@code d} exactly when one
 * of its gap starts {@code s} (a bucket whose previous active bucket {@code p} is more than {@code
 * history - 7} buckets earlier, or none) lies in {@code [d - 7, d)} and {@code p < d - history};
 * for a given {@code d} at most one start qualifies (a later start's previous bucket is at or
 * after the earlier start). So each start makes its key new on the days {@code d} in {@code
 * (max(s, p + history), s + 7]}: those days are found once per start, instead of checking every
 * key on every day (40,000 (account, feature) keys × 180 days at 10 M events).
 */
final class NewcomerDays {

    private final int[] todayBuckets;
    private final int history;
    /** Replayed day per bucket, or -1: the buckets where a replayed day's edge is. */
    private final int[] dayAt;
    /**
     * Per replayed day: pairs of (key position, position of the gap start in the key's series), in
     * the order the starts came.
     */
    private final int[][] newcomers;

    private final int[] sizes;
    private List<KeyedScan.Keyed> keys;

    /** @param todayBuckets per replayed day, the bucket its edge {@code d} starts */
    NewcomerDays(int[] todayBuckets, int history) {
        this.todayBuckets = todayBuckets.clone();
        this.history = history;
        this.dayAt = new int[Arrays.stream(todayBuckets).max().orElse(-1) + 1];
        Arrays.fill(dayAt, -1);
        for (int day = 0; day < todayBuckets.length; day++) {
            dayAt[todayBuckets[day]] = day;
        }
        this.newcomers = new int[todayBuckets.length][];
        this.sizes = new int[todayBuckets.length];
    }

    /**
     * Key {@code key} has a gap start at bucket {@code start}, at {@code position} in its series.
     *
     * @param previous its previous active bucket, or null when {@code start} is its first
     */
    void gapStart(int key, int start, int position, Integer previous) {
        long from = (previous == null ? start : Math.max(start, (long) previous + history)) + 1;
        for (long d = Math.max(from, 0); d <= start + 7L && d < dayAt.length; d++) {
            int day = dayAt[(int) d];
            if (day >= 0) {
                int[] pairs = newcomers[day] == null ? (newcomers[day] = new int[16]) : newcomers[day];
                if (sizes[day] + 2 > pairs.length) {
                    newcomers[day] = pairs = Arrays.copyOf(pairs, pairs.length * 2);
                }
                pairs[sizes[day]++] = key;
                pairs[sizes[day]++] = position;
            }
        }
    }

    /** The keys the positions of {@link #gapStart} refer to; once every start is in. */
    NewcomerDays of(List<KeyedScan.Keyed> scanned) {
        this.keys = scanned;
        for (int day = 0; day < newcomers.length; day++) {
            newcomers[day] = newcomers[day] == null ? new int[0] : Arrays.copyOf(newcomers[day], sizes[day]);
        }
        return this;
    }

    /** Every key of the scan, in its order (each day's newcomers come in this order). */
    List<KeyedScan.Keyed> keys() {
        return keys;
    }

    @FunctionalInterface
    interface Newcomer {
        /** @param window the key's buckets from its gap start to the day's edge */
        void accept(KeyedScan.Keyed key, BucketSeries.Range window);
    }

    /** The keys new as of replayed day {@code day}. */
    void forEach(int day, Newcomer each) {
        int[] pairs = newcomers[day];
        for (int i = 0; i < pairs.length; i += 2) {
            KeyedScan.Keyed key = keys.get(pairs[i]);
            each.accept(key, key.series().rangeFrom(pairs[i + 1], todayBuckets[day]));
        }
    }
}
