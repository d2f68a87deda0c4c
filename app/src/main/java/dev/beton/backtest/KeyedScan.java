package dev.beton.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a replay scan's rows as they come — sorted by account, key and bucket, so each key's
 * buckets arrive together and in order — into one compact series per key, instead of holding the
 * result as rows first. A row is {@code account, [key], bucket, count, first µs, last µs, least
 * distinct id, ...}.
 */
final class KeyedScan {

    /** One (account, key) of a scan; {@code key} is null for a scan per account. */
    record Keyed(String account, Object key, BucketSeries series) {}

    private final int keyColumns;
    private final BucketSeries.Builder builder;
    private final List<Keyed> keyed = new ArrayList<>();
    private String account;
    private Object key;

    /** @param keyColumns 0 (per account) or 1 (per account and one key) */
    KeyedScan(int keyColumns, boolean withLeast) {
        if (keyColumns > 1) {
            throw new IllegalArgumentException("At most one key besides the account: " + keyColumns);
        }
        this.keyColumns = keyColumns;
        this.builder = new BucketSeries.Builder(withLeast);
    }

    /** Adds one row's bucket; returns the position its key has in {@link #keys()}. */
    int add(List<Object> row) {
        String rowAccount = (String) row.get(0);
        Object rowKey = keyColumns == 0 ? null : row.get(1);
        if (!builder.isEmpty() && !(rowAccount.equals(account) && Objects.equals(rowKey, key))) {
            finishKey();
        }
        account = rowAccount;
        key = rowKey;
        int c = keyColumns + 1;
        builder.add(
                ((Number) row.get(c)).intValue(),
                ((Number) row.get(c + 1)).longValue(),
                ((Number) row.get(c + 2)).longValue(),
                ((Number) row.get(c + 3)).longValue(),
                (String) row.get(c + 4));
        return keyed.size();
    }

    /** The position the bucket of the last row added has in its key's series. */
    int lastPosition() {
        return builder.lastPosition();
    }

    /** The column after the least distinct id (extra columns a scan adds). */
    int extraColumn() {
        return keyColumns + 6;
    }

    /** Every key read, in the scan's order; call once all rows are added. */
    List<Keyed> keys() {
        if (!builder.isEmpty()) {
            finishKey();
        }
        return keyed;
    }

    private void finishKey() {
        keyed.add(new Keyed(account, key, builder.build()));
    }
}
