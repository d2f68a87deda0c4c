package dev.beton.dashboards;

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

    public int score() {
        double trend;
        if (eventsPrevious14Days == 0) {
            trend = eventsLast14Days > 0 ? 30 : 0;
        } else {
            trend = 30 * Math.min(1.5, (double) eventsLast14Days / eventsPrevious14Days) / 1.5;
        }
        double users = 25 * Math.min(10, activeUsers) / 10.0;
        double recency = 25 * Math.max(0, 30 - daysSinceLastEvent) / 30.0;
        double breadth = 20 * Math.min(10, featuresUsed) / 10.0;
        long total = Math.round(trend + users + recency + breadth);
        return (int) Math.max(0, Math.min(100, total));
    }

    /** Index into {@link #BUCKETS}. */
    public static int bucketOf(int score) {
        return Math.min(4, score / 20);
    }
}
