package dev.beton.query;

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
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.max;
import static dev.beton.query.Expressions.notBlank;
import static dev.beton.query.Expressions.number;
import static dev.beton.query.Expressions.param;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.within;

import dev.beton.query.Expr.OrderItem;
import dev.beton.query.Query.SelectItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queries that must answer the same on every event source (embedded DuckDB, PostHog, ClickHouse)
 * for one data set. Every query orders its rows completely, so results compare row by row. Adding
 * a query to the parity test and the ClickHouse golden files is one {@code put} below.
 */
public final class SourceParityQueries {

    private SourceParityQueries() {}

    /** By name; {@code account} is the group type index of the account on the sources under test. */
    public static Map<String, Query> all(int account) {
        Map<String, Query> queries = new LinkedHashMap<>();
        TimeWindow last30 = TimeWindow.lastDays(30);
        queries.put("account_event_counts", perAccount(account, last30, SelectItem.of(count(), "events")));
        // the health score's inputs: a deal's beton_health_score on every source (issue 12)
        queries.put("account_health_inputs", dev.beton.dashboards.AccountHealthScores.query(account));
        queries.put(
                "account_active_days",
                perAccount(
                        account,
                        last30,
                        SelectItem.of(distinctCount(dateDiffDays(column("timestamp"), asOf())), "active_days")));
        queries.put(
                "account_distinct_events",
                perAccount(account, last30, SelectItem.of(distinctCount(column("event")), "distinct_events")));
        queries.put(
                "account_days_since_last_event",
                perAccount(
                        account,
                        TimeWindow.lastDays(60),
                        SelectItem.of(dateDiffDays(max(column("timestamp")), asOf()), "days_since_last")));
        queries.put(
                "account_pro_plan_events",
                Query.select(SelectItem.of(groupKey(account), "account"), SelectItem.of(count(), "events"))
                        .where(within(column("timestamp"), last30))
                        .where(notBlank(groupKey(account)))
                        .where(eq(eventProperty("plan"), param("plan", "pro")))
                        .groupBy(groupKey(account))
                        .orderBy(OrderItem.asc(column("account")))
                        .build());
        queries.put(
                "user_key_events",
                Query.select(
                                SelectItem.of(column("distinct_id"), "user_id"),
                                SelectItem.of(
                                        countIf(in(
                                                column("event"),
                                                params("key_event", List.of("created_project", "invited_teammate")))),
                                        "key_events"),
                                SelectItem.of(count(), "events"))
                        .where(within(column("timestamp"), TimeWindow.lastDays(14)))
                        .groupBy(column("distinct_id"))
                        .having(ge(count(), number(3L)))
                        .orderBy(OrderItem.asc(column("user_id")))
                        .build());
        queries.put(
                "active_accounts_from_cte",
                Query.select(SelectItem.of(count(), "accounts"), SelectItem.of(max(column("u", "users")), "most_users"))
                        .with(
                                "usage",
                                Query.select(
                                                SelectItem.of(groupKey(account), "account"),
                                                SelectItem.of(distinctCount(column("distinct_id")), "users"))
                                        .where(within(column("timestamp"), last30))
                                        .where(notBlank(groupKey(account)))
                                        .groupBy(groupKey(account))
                                        .build())
                        .from(Query.Source.cte("usage", "u"))
                        .where(ge(column("u", "users"), number(2L)))
                        .build());
        return queries;
    }

    private static Query perAccount(int account, TimeWindow window, SelectItem metric) {
        return Query.select(SelectItem.of(groupKey(account), "account"), metric)
                .where(within(column("timestamp"), window))
                .where(notBlank(groupKey(account)))
                .groupBy(groupKey(account))
                .orderBy(OrderItem.asc(column("account")))
                .build();
    }
}
