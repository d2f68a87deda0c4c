package dev.beton.dashboards;

import dev.beton.query.ResultRows;
import java.util.ArrayList;
import java.util.List;

/**
 * The account health score, 0–100, as of an instant (docs/DASHBOARDS.md §Account health score),
 * from the inputs of the {@code health_distribution} tile's query:
 *
 * <ul>
 *   <li>usage trend, 30 points: events in the last 14 days against the 14 before; at 1.5× or more
 *       all 30, linearly less down to 0 for no events; an account new in the last 14 days gets 30;
 *   <li>active users, 25 points: distinct users in the last 30 days, 10 or more = all 25;
 *   <li>recency, 25 points: 25 on the day of the last event, 0 after 30 days without one;
 *   <li>feature breadth, 20 points: distinct product events used in 30 days, 10 or more = all 20.
 * </ul>
 *
 * An account without a product event in the last 30 days scores 0.
 */
public record AccountHealth(
        long eventsLast14Days,
        long eventsPrevious14Days,
        long activeUsers,
        long daysSinceLastEvent,
        long featuresUsed) {

    public static final List<String> BUCKETS = List.of("0-19", "20-39", "40-59", "60-79", "80-100");

    // The formula's numbers, read by score() and by scoreSql(): one definition for Java and SQL.
    private static final int TREND_POINTS = 30;
    private static final double TREND_CAP = 1.5;
    private static final int USERS_POINTS = 25;
    private static final int USERS_FULL = 10;
    private static final int RECENCY_POINTS = 25;
    private static final int RECENCY_DAYS = 30;
    private static final int BREADTH_POINTS = 20;
    private static final int FEATURES_FULL = 10;
    private static final int MAX_SCORE = 100;
    private static final int BUCKET_WIDTH = 20;

    /** The inputs as the health-inputs query ({@code TileQueries.healthInputs}) names them. */
    static AccountHealth of(ResultRows.Row row) {
        return new AccountHealth(
                row.count("events_last_14_days"),
                row.count("events_previous_14_days"),
                row.count("active_users"),
                row.count("days_since_last_event"),
                row.count("features_used"));
    }

    public int score() {
        double trend;
        if (eventsPrevious14Days == 0) {
            trend = eventsLast14Days > 0 ? TREND_POINTS : 0;
        } else {
            trend = TREND_POINTS * Math.min(TREND_CAP, (double) eventsLast14Days / eventsPrevious14Days) / TREND_CAP;
        }
        double users = USERS_POINTS * Math.min(USERS_FULL, activeUsers) / (double) USERS_FULL;
        double recency = RECENCY_POINTS * Math.max(0, RECENCY_DAYS - daysSinceLastEvent) / (double) RECENCY_DAYS;
        double breadth = BREADTH_POINTS * Math.min(FEATURES_FULL, featuresUsed) / (double) FEATURES_FULL;
        long total = Math.round(trend + users + recency + breadth);
        return (int) Math.max(0, Math.min(MAX_SCORE, total));
    }

    /** The health distribution tile's one row: accounts per bucket of {@link #BUCKETS}. */
    static ResultRows distribution(long[] accountsPerBucket) {
        List<Object> row = new ArrayList<>();
        for (long n : accountsPerBucket) {
            row.add(n);
        }
        return new ResultRows(BUCKETS, List.of(row));
    }

    /** Index into {@link #BUCKETS}. */
    public static int bucketOf(int score) {
        return Math.min(BUCKETS.size() - 1, score / BUCKET_WIDTH);
    }

    /**
     * {@link #score()} as a DuckDB expression (BIGINT) on the five input expressions (BIGINT), so
     * a store can bucket its accounts without sending each one's inputs back. The same operations
     * in the same order and types as in Java: long arithmetic where Java's is long, IEEE doubles
     * where Java's are, the four terms added left to right, and {@code round} on a non-negative
     * double (ties up, as {@link Math#round(double)}; a negative total is clamped to 0 in both).
     * {@code AccountHealthTest} checks it against {@link #score()}.
     */
    static String scoreSql(String last14, String previous14, String users, String daysSince, String features) {
        String trend = "CASE WHEN " + previous14 + " = 0 THEN CASE WHEN " + last14 + " > 0 THEN " + dbl(TREND_POINTS)
                + " ELSE " + dbl(0) + " END ELSE (" + TREND_POINTS + " * least(" + dbl(TREND_CAP) + ", CAST(" + last14
                + " AS DOUBLE) / CAST(" + previous14 + " AS DOUBLE))) / " + dbl(TREND_CAP) + " END";
        String usersTerm = "(" + USERS_POINTS + "::BIGINT * least(" + USERS_FULL + "::BIGINT, " + users + ")) / "
                + dbl(USERS_FULL);
        String recency = "(" + RECENCY_POINTS + "::BIGINT * greatest(0::BIGINT, " + RECENCY_DAYS + "::BIGINT - "
                + daysSince + ")) / " + dbl(RECENCY_DAYS);
        String breadth = "(" + BREADTH_POINTS + "::BIGINT * least(" + FEATURES_FULL + "::BIGINT, " + features + ")) / "
                + dbl(FEATURES_FULL);
        String total = "CAST(round(((" + trend + ") + (" + usersTerm + ") + (" + recency + ")) + (" + breadth
                + ")) AS BIGINT)";
        return "greatest(0::BIGINT, least(" + MAX_SCORE + "::BIGINT, " + total + "))";
    }

    /** {@link #bucketOf} as a DuckDB expression on a score expression. */
    static String bucketSql(String score) {
        return "least(" + (BUCKETS.size() - 1) + "::BIGINT, (" + score + ") // " + BUCKET_WIDTH + ")";
    }

    private static String dbl(double value) {
        return "CAST(" + value + " AS DOUBLE)";
    }
}
