package dev.beton.dashboards;

import static dev.beton.query.Expressions.argMax;
import static dev.beton.query.Expressions.asOf;
import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.countIf;
import static dev.beton.query.Expressions.dateDiffDays;
import static dev.beton.query.Expressions.distinctCount;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.eventProperty;
import static dev.beton.query.Expressions.ge;
import static dev.beton.query.Expressions.groupKey;
import static dev.beton.query.Expressions.gt;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.lt;
import static dev.beton.query.Expressions.max;
import static dev.beton.query.Expressions.minus;
import static dev.beton.query.Expressions.not;
import static dev.beton.query.Expressions.notBlank;
import static dev.beton.query.Expressions.param;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.startOfWeek;
import static dev.beton.query.Expressions.toNumber;
import static dev.beton.query.Expressions.within;

import dev.beton.query.Expr;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.TimeWindow;
import java.util.List;

/**
 * The dashboard tiles' queries in the query model, so each renders to DuckDB and HogQL from one
 * definition. Signal tiles read Beton's own {@code beton_signal_fired} events (Beton writes them
 * to the embedded store and sends them to PostHog with the same properties); account tiles read
 * product events, without Beton's own events and identify calls.
 */
final class TileQueries {

    static final String SIGNAL_EVENT = "beton_signal_fired";
    /** Not product usage: Beton's own events and identify calls (as {@code EventMapping}'s default). */
    static final List<String> NOT_USAGE = List.of(SIGNAL_EVENT, "$identify", "$groupidentify", "$set");
    /** A score above this is "hot": the default routing threshold. */
    static final int HOT_SCORE = 70;
    /** Result rows at most (HogQL caps an explicit LIMIT at 50,000 and returns 100 without one). */
    static final int ROWS = 10_000;

    static final List<String> PRODUCT_SIGNALS =
            List.of("usage_spike", "feature_adoption", "team_growth", "limit_approaching", "trial_expiring");
    static final List<String> BILLING_SIGNALS = List.of("billing_intent", "pricing_intent");
    static final List<String> SUPPORT_SIGNALS = List.of("support_engagement");

    private TileQueries() {}

    private static Expr ts() {
        return column("timestamp");
    }

    private static Expr account(int g) {
        return groupKey(g);
    }

    private static Expr isSignal() {
        return eq(column("event"), param("signal_event", SIGNAL_EVENT));
    }

    private static Expr isUsage() {
        return not(in(column("event"), params("not_usage", NOT_USAGE)));
    }

    private static Expr signalScore() {
        return toNumber(eventProperty("signal_score"));
    }

    // ---- Data checks: is there one event of the kind in the period (the first found is enough)

    static Query usageProbe(int days) {
        return Query.select(SelectItem.of(column("event"), "event"))
                .where(isUsage())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .limit(1)
                .build();
    }

    static Query signalProbe(int days) {
        return Query.select(SelectItem.of(column("event"), "event"))
                .where(isSignal())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .limit(1)
                .build();
    }

    // ---- Signal Overview

    static Query signalsFired(int g, int days) {
        return Query.select(SelectItem.of(count(), "signals"))
                .where(isSignal())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .build();
    }

    static Query signalsByType(int g, int days) {
        Expr type = eventProperty("signal_type");
        return Query.select(SelectItem.of(type, "signal_type"), SelectItem.of(count(), "signals"))
                .where(isSignal())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .groupBy(type)
                .orderBy(Expr.OrderItem.desc(column("signals")), Expr.OrderItem.asc(column("signal_type")))
                .limit(ROWS)
                .build();
    }

    static Query signalsTrend(int g, int days) {
        Expr week = startOfWeek(ts());
        return Query.select(
                        SelectItem.of(week, "week"),
                        SelectItem.of(count(), "signals"),
                        SelectItem.of(distinctCount(account(g)), "accounts"))
                .where(isSignal())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .groupBy(week)
                .orderBy(Expr.OrderItem.asc(column("week")))
                .limit(ROWS)
                .build();
    }

    static Query hotQueue(int g, int days) {
        Expr latestScore = argMax(signalScore(), ts());
        return Query.select(
                        SelectItem.of(account(g), "account"),
                        SelectItem.of(latestScore, "score"),
                        SelectItem.of(count(), "signals"),
                        SelectItem.of(max(ts()), "last_signal"))
                .where(isSignal())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .where(notBlank(account(g)))
                .groupBy(account(g))
                .having(gt(argMax(signalScore(), ts()), param("hot_score", HOT_SCORE)))
                .orderBy(Expr.OrderItem.desc(column("last_signal")), Expr.OrderItem.asc(column("account")))
                .limit(50)
                .build();
    }

    static Query scoreDistribution(int g, int days) {
        Query latest = Query.select(
                        SelectItem.of(account(g), "account"), SelectItem.of(argMax(signalScore(), ts()), "score"))
                .where(isSignal())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .where(notBlank(account(g)))
                .groupBy(account(g))
                .build();
        Expr score = column("latest", "score");
        return Query.select(
                        SelectItem.of(countIf(lt(score, param("bucket_20", 20))), "score_0_19"),
                        SelectItem.of(
                                countIf(dev.beton.query.Expressions.and(
                                        ge(score, param("bucket_20", 20)), lt(score, param("bucket_40", 40)))),
                                "score_20_39"),
                        SelectItem.of(
                                countIf(dev.beton.query.Expressions.and(
                                        ge(score, param("bucket_40", 40)), lt(score, param("bucket_60", 60)))),
                                "score_40_59"),
                        SelectItem.of(
                                countIf(dev.beton.query.Expressions.and(
                                        ge(score, param("bucket_60", 60)), lt(score, param("bucket_80", 80)))),
                                "score_60_79"),
                        SelectItem.of(countIf(ge(score, param("bucket_80", 80))), "score_80_100"))
                .with("per_account", latest)
                .from(Query.Source.cte("per_account", "latest"))
                .build();
    }

    static Query topAccounts(int g, int days) {
        return Query.select(SelectItem.of(account(g), "account"), SelectItem.of(count(), "signals"))
                .where(isSignal())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .where(notBlank(account(g)))
                .groupBy(account(g))
                .orderBy(Expr.OrderItem.desc(column("signals")), Expr.OrderItem.asc(column("account")))
                .limit(10)
                .build();
    }

    static Query signalsBySource(int g, int days) {
        Expr type = eventProperty("signal_type");
        return Query.select(
                        SelectItem.of(countIf(in(type, params("product_signal", PRODUCT_SIGNALS))), "product_usage"),
                        SelectItem.of(countIf(in(type, params("billing_signal", BILLING_SIGNALS))), "billing"),
                        SelectItem.of(countIf(in(type, params("support_signal", SUPPORT_SIGNALS))), "support"))
                .where(isSignal())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .build();
    }

    // ---- Account Health

    static Query activeAccounts(int g, int days) {
        return Query.select(
                        SelectItem.of(distinctCount(account(g)), "active_accounts"),
                        SelectItem.of(distinctCount(column("distinct_id")), "active_users"))
                .where(isUsage())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .where(notBlank(account(g)))
                .build();
    }

    static Query usageTrend(int g, int days) {
        Expr week = startOfWeek(ts());
        return Query.select(
                        SelectItem.of(week, "week"),
                        SelectItem.of(count(), "events"),
                        SelectItem.of(distinctCount(account(g)), "accounts"),
                        SelectItem.of(distinctCount(column("distinct_id")), "users"))
                .where(isUsage())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .where(notBlank(account(g)))
                .groupBy(week)
                .orderBy(Expr.OrderItem.asc(column("week")))
                .limit(ROWS)
                .build();
    }

    /** This week against the week before, per account: biggest gain first ({@code desc}) or biggest loss. */
    static Query weekOverWeek(int g, boolean leaders) {
        TimeWindow last = TimeWindow.lastDays(7);
        TimeWindow previous = TimeWindow.previousDays(7);
        Expr current = countIf(within(ts(), last));
        Expr before = countIf(within(ts(), previous));
        Query.Builder query = Query.select(
                        SelectItem.of(account(g), "account"),
                        SelectItem.of(current, "this_week"),
                        SelectItem.of(before, "last_week"),
                        SelectItem.of(minus(current, before), "change"))
                .where(isUsage())
                .where(within(ts(), TimeWindow.lastDays(14)))
                .where(notBlank(account(g)))
                .groupBy(account(g));
        if (leaders) {
            query.having(gt(minus(countIf(within(ts(), last)), countIf(within(ts(), previous))), param("zero", 0)))
                    .orderBy(Expr.OrderItem.desc(column("change")), Expr.OrderItem.asc(column("account")));
        } else {
            query.having(lt(minus(countIf(within(ts(), last)), countIf(within(ts(), previous))), param("zero", 0)))
                    .orderBy(Expr.OrderItem.asc(column("change")), Expr.OrderItem.asc(column("account")));
        }
        return query.limit(10).build();
    }

    static Query featureAdoption(int g, int days) {
        return Query.select(
                        SelectItem.of(column("event"), "feature"),
                        SelectItem.of(distinctCount(account(g)), "accounts"),
                        SelectItem.of(count(), "uses"))
                .where(isUsage())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .where(notBlank(account(g)))
                .groupBy(column("event"))
                .orderBy(Expr.OrderItem.desc(column("accounts")), Expr.OrderItem.asc(column("feature")))
                .limit(15)
                .build();
    }

    /** The inputs of the account health score (docs/DASHBOARDS.md), per account active in the last 30 days. */
    static Query healthInputs(int g) {
        return healthInputs(g, ROWS);
    }

    static Query healthInputs(int g, int limit) {
        return Query.select(
                        SelectItem.of(account(g), "account"),
                        SelectItem.of(countIf(within(ts(), TimeWindow.lastDays(14))), "events_last_14_days"),
                        SelectItem.of(countIf(within(ts(), TimeWindow.previousDays(14))), "events_previous_14_days"),
                        SelectItem.of(distinctCount(column("distinct_id")), "active_users"),
                        SelectItem.of(dateDiffDays(max(ts()), asOf()), "days_since_last_event"),
                        SelectItem.of(distinctCount(column("event")), "features_used"))
                .where(isUsage())
                .where(within(ts(), TimeWindow.lastDays(30)))
                .where(notBlank(account(g)))
                .groupBy(account(g))
                .orderBy(Expr.OrderItem.asc(column("account")))
                .limit(limit)
                .build();
    }

    // ---- PQL Performance / Backtesting (the PostHog side; Beton's page reads the backtest results)

    static Query pqlsSurfaced(int g, int days) {
        Expr week = startOfWeek(ts());
        return Query.select(SelectItem.of(week, "week"), SelectItem.of(distinctCount(account(g)), "hot_accounts"))
                .where(isSignal())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .where(gt(signalScore(), param("hot_score", HOT_SCORE)))
                .where(notBlank(account(g)))
                .groupBy(week)
                .orderBy(Expr.OrderItem.asc(column("week")))
                .limit(ROWS)
                .build();
    }

    static Query signalScoresAtFiring(int g, int days) {
        Expr type = eventProperty("signal_type");
        return Query.select(
                        SelectItem.of(type, "signal_type"),
                        SelectItem.of(count(), "fired"),
                        SelectItem.of(dev.beton.query.Expressions.avg(signalScore()), "average_score"))
                .where(isSignal())
                .where(within(ts(), TimeWindow.lastDays(days)))
                .groupBy(type)
                .orderBy(Expr.OrderItem.asc(column("signal_type")))
                .limit(ROWS)
                .build();
    }
}
