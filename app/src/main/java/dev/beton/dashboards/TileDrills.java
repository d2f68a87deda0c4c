package dev.beton.dashboards;

import static dev.beton.query.Expressions.and;
import static dev.beton.query.Expressions.argMax;
import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.distinctCount;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.eventProperty;
import static dev.beton.query.Expressions.ge;
import static dev.beton.query.Expressions.groupKey;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.lt;
import static dev.beton.query.Expressions.max;
import static dev.beton.query.Expressions.not;
import static dev.beton.query.Expressions.notBlank;
import static dev.beton.query.Expressions.param;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.toNumber;
import static dev.beton.query.Expressions.within;

import dev.beton.query.Expr;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.TimeWindow;
import dev.beton.web.ProblemException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The accounts behind one element of a chart tile that does not list accounts itself: a slice of
 * signals by type, a week of a trend, a bucket of a distribution, a source, a feature. Each is the
 * tile's own filter narrowed to the element and grouped by account, so the accounts' counts add up
 * to the element's number (an account counted in a week's "accounts" is one row here).
 */
final class TileDrills {

    /** Accounts listed at most; the page says when there are more. */
    static final int ROWS = 500;

    /** The tiles with a drill-down to the accounts behind an element (account tiles link each account). */
    static final Set<String> TILES = Set.of(
            "signals_by_type",
            "signal_trend",
            "score_distribution",
            "signals_by_source",
            "usage_trend",
            "feature_adoption",
            "health_distribution");

    /** The score distribution's buckets: column name to [from, until). */
    private static final Map<String, int[]> SCORE_BUCKETS = Map.of(
            "score_0_19", new int[] {0, 20},
            "score_20_39", new int[] {20, 40},
            "score_40_59", new int[] {40, 60},
            "score_60_79", new int[] {60, 80},
            "score_80_100", new int[] {80, Integer.MAX_VALUE});

    private static final Map<String, List<String>> SOURCES = Map.of(
            "product_usage", TileQueries.PRODUCT_SIGNALS,
            "billing", TileQueries.BILLING_SIGNALS,
            "support", TileQueries.SUPPORT_SIGNALS);

    private TileDrills() {}

    static boolean has(String tileId) {
        return TILES.contains(tileId);
    }

    /**
     * The query listing the accounts behind {@code value} of the tile (for {@code
     * health_distribution}: the health inputs of every active account, whose scores are bucketed in
     * Java as the tile's are).
     *
     * @throws ProblemException 400 when the value is not one of the tile's elements
     */
    static Query query(String tileId, int g, int days, String value) {
        return switch (tileId) {
            case "signals_by_type" ->
                signals(g, days)
                        .where(eq(eventProperty("signal_type"), param("type", value)))
                        .groupBy(groupKey(g))
                        .orderBy(Expr.OrderItem.desc(column("signals")), Expr.OrderItem.asc(column("account")))
                        .limit(ROWS + 1)
                        .build();
            case "signals_by_source" ->
                signals(g, days)
                        .where(in(eventProperty("signal_type"), params("source_type", source(value))))
                        .groupBy(groupKey(g))
                        .orderBy(Expr.OrderItem.desc(column("signals")), Expr.OrderItem.asc(column("account")))
                        .limit(ROWS + 1)
                        .build();
            case "signal_trend" ->
                week(signals(g, days), value)
                        .groupBy(groupKey(g))
                        .orderBy(Expr.OrderItem.desc(column("signals")), Expr.OrderItem.asc(column("account")))
                        .limit(ROWS + 1)
                        .build();
            case "score_distribution" -> scoreBucket(g, days, value);
            case "usage_trend" ->
                week(usage(g, days), value)
                        .groupBy(groupKey(g))
                        .orderBy(Expr.OrderItem.desc(column("events")), Expr.OrderItem.asc(column("account")))
                        .limit(ROWS + 1)
                        .build();
            case "feature_adoption" ->
                usage(g, days)
                        .where(eq(column("event"), param("feature", value)))
                        .groupBy(groupKey(g))
                        .orderBy(Expr.OrderItem.desc(column("events")), Expr.OrderItem.asc(column("account")))
                        .limit(ROWS + 1)
                        .build();
            case "health_distribution" -> {
                healthBucket(value);
                yield TileQueries.healthInputs(g);
            }
            default ->
                throw ProblemException.notFound("The tile '" + tileId
                        + "' has no drill-down to accounts (tiles with one: "
                        + String.join(", ", TILES.stream().sorted().toList()) + ").");
        };
    }

    /** Index into {@link AccountHealth#BUCKETS} of a health bucket named as the tile names it. */
    static int healthBucket(String value) {
        int bucket = AccountHealth.BUCKETS.indexOf(value);
        if (bucket < 0) {
            throw ProblemException.badRequest("The health score bucket is one of "
                    + String.join(", ", AccountHealth.BUCKETS) + ", not '" + value + "'.");
        }
        return bucket;
    }

    private static Query.Builder signals(int g, int days) {
        return Query.select(
                        SelectItem.of(groupKey(g), "account"),
                        SelectItem.of(count(), "signals"),
                        SelectItem.of(argMax(toNumber(eventProperty("signal_score")), column("timestamp")), "score"),
                        SelectItem.of(max(column("timestamp")), "last_signal"))
                .where(eq(column("event"), param("signal_event", TileQueries.SIGNAL_EVENT)))
                .where(within(column("timestamp"), TimeWindow.lastDays(days)))
                .where(notBlank(groupKey(g)));
    }

    private static Query.Builder usage(int g, int days) {
        return Query.select(
                        SelectItem.of(groupKey(g), "account"),
                        SelectItem.of(count(), "events"),
                        SelectItem.of(distinctCount(column("distinct_id")), "users"),
                        SelectItem.of(max(column("timestamp")), "last_event"))
                .where(not(in(column("event"), params("not_usage", TileQueries.NOT_USAGE))))
                .where(within(column("timestamp"), TimeWindow.lastDays(days)))
                .where(notBlank(groupKey(g)));
    }

    /** The week starting on the Monday {@code value} names (a date, or a time on it), within the period. */
    private static Query.Builder week(Query.Builder query, String value) {
        LocalDate monday;
        try {
            monday = LocalDate.parse(value.length() >= 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    "The week is the date of its Monday (YYYY-MM-DD, e.g. 2026-02-02), not '" + value + "'.");
        }
        return query.where(and(
                ge(
                        column("timestamp"),
                        param("week_start", monday.atStartOfDay().toInstant(ZoneOffset.UTC))),
                lt(
                        column("timestamp"),
                        param("week_end", monday.plusWeeks(1).atStartOfDay().toInstant(ZoneOffset.UTC)))));
    }

    private static List<String> source(String value) {
        List<String> types = SOURCES.get(value);
        if (types == null) {
            throw ProblemException.badRequest(
                    "The signal source is product_usage, billing or support, not '" + value + "'.");
        }
        return types;
    }

    /** As the tile counts: the first bucket is everything under 20, the last everything from 80. */
    private static Expr bucket(Expr score, int[] range) {
        if (range[0] == 0) {
            return lt(score, param("score_until", range[1]));
        }
        if (range[1] == Integer.MAX_VALUE) {
            return ge(score, param("score_from", range[0]));
        }
        return and(ge(score, param("score_from", range[0])), lt(score, param("score_until", range[1])));
    }

    private static Query scoreBucket(int g, int days, String value) {
        int[] range = SCORE_BUCKETS.get(value);
        if (range == null) {
            throw ProblemException.badRequest("The score bucket is one of "
                    + String.join(", ", SCORE_BUCKETS.keySet().stream().sorted().toList()) + ", not '" + value
                    + "'.");
        }
        Expr latest = argMax(toNumber(eventProperty("signal_score")), column("timestamp"));
        return signals(g, days)
                .groupBy(groupKey(g))
                .having(bucket(latest, range))
                .orderBy(Expr.OrderItem.desc(column("last_signal")), Expr.OrderItem.asc(column("account")))
                .limit(ROWS + 1)
                .build();
    }
}
