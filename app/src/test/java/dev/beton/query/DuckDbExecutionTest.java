package dev.beton.query;

import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.groupKey;
import static dev.beton.query.Expressions.notBlank;
import static dev.beton.query.Expressions.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.beton.query.Query.SelectItem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DuckDbExecutionTest {

    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z"); // a Monday
    private TestWarehouse warehouse;

    @BeforeEach
    void openWarehouse() throws Exception {
        warehouse = TestWarehouse.open();
    }

    @AfterEach
    void closeWarehouse() throws Exception {
        warehouse.close();
    }

    @Test
    void weeksStartOnMondayInDuckDb() throws Exception {
        // Sunday 2026-11-22 belongs to the week of Monday 2026-11-16.
        warehouse.event("e", "u1", Instant.parse("2026-11-22T23:00:00Z"), "{}", "acme");
        Query weekly = Query.select(SelectItem.of(Expressions.startOfWeek(column("timestamp")), "week"))
                .build();

        ResultRows rows = warehouse.run(Dialect.DUCKDB.render(weekly, AS_OF));

        assertThat(rows.list().get(0).instant("week")).contains(Instant.parse("2026-11-16T00:00:00Z"));
    }

    @Test
    void windowsExcludeEventsAtAndAfterAsOf() throws Exception {
        warehouse.event("e", "u1", AS_OF.minusSeconds(1), "{}", "acme");
        warehouse.event("e", "u1", AS_OF, "{}", "acme");
        warehouse.event("e", "u1", AS_OF.plusSeconds(3600), "{}", "acme");
        warehouse.event("e", "u1", AS_OF.minusSeconds(7 * 86400), "{}", "acme"); // start is inclusive
        warehouse.event("e", "u1", AS_OF.minusSeconds(7 * 86400 + 1), "{}", "acme");
        Query query = Query.select(SelectItem.of(count(), "n"))
                .where(within(column("timestamp"), TimeWindow.lastDays(7)))
                .build();

        assertThat(warehouse
                        .run(Dialect.DUCKDB.render(query, AS_OF))
                        .list()
                        .get(0)
                        .count("n"))
                .isEqualTo(2);
    }

    @Test
    void runsCtesJoinsAndWindowFunctionsOverWeeklyUsage() throws Exception {
        warehouse.event("e", "u1", Instant.parse("2026-11-10T10:00:00Z"), "{}", null, "acme");
        warehouse.event("e", "u1", Instant.parse("2026-11-17T10:00:00Z"), "{}", null, "acme");
        warehouse.event("e", "u2", Instant.parse("2026-11-18T10:00:00Z"), "{}", null, "acme");
        warehouse.event("e", "u3", Instant.parse("2026-11-18T10:00:00Z"), "{}", null, "globex");
        Query weekly = Query.select(
                        SelectItem.of(groupKey(1), "account"),
                        SelectItem.of(Expressions.startOfWeek(column("timestamp")), "week"),
                        SelectItem.of(count(), "events"))
                .where(within(column("timestamp"), TimeWindow.lastDays(28)))
                .where(notBlank(groupKey(1)))
                .groupBy(groupKey(1), Expressions.startOfWeek(column("timestamp")))
                .build();
        Query totals = Query.select(SelectItem.of(groupKey(1), "account"), SelectItem.of(count(), "total"))
                .where(notBlank(groupKey(1)))
                .groupBy(groupKey(1))
                .build();
        Query query = Query.select(
                        SelectItem.of(column("w", "account"), "account"),
                        SelectItem.of(column("w", "week"), "week"),
                        SelectItem.of(column("w", "events"), "events"),
                        SelectItem.of(
                                Expressions.previousOrZero(
                                        column("w", "events"),
                                        List.of(column("w", "account")),
                                        List.of(Expr.OrderItem.asc(column("w", "week")))),
                                "previous_events"),
                        SelectItem.of(column("t", "total"), "total"))
                .with("weekly", weekly)
                .with("totals", totals)
                .from(Query.Source.cte("weekly", "w"))
                .join(
                        Query.JoinKind.INNER,
                        new Query.Source.CteRef("totals", "t"),
                        eq(column("t", "account"), column("w", "account")))
                .orderBy(Expr.OrderItem.asc(column("account")), Expr.OrderItem.asc(column("week")))
                .build();

        List<ResultRows.Row> rows =
                warehouse.run(Dialect.DUCKDB.render(query, AS_OF)).list();

        assertThat(rows)
                .extracting(
                        r -> r.requiredText("account"),
                        r -> r.count("events"),
                        r -> r.count("previous_events"),
                        r -> r.count("total"))
                .containsExactly(tuple("acme", 1L, 0L, 3L), tuple("acme", 2L, 1L, 3L), tuple("globex", 1L, 0L, 1L));
        assertThat(Dialect.HOGQL.render(query, AS_OF).sql())
                .contains("lagInFrame(w.events) OVER (PARTITION BY w.account ORDER BY w.week ASC"
                        + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)");
    }

    @Test
    void computesEveryAggregateOverPropertiesAndConstants() throws Exception {
        for (int amount : new int[] {10, 20, 60}) {
            warehouse.event("order", "u" + amount, AS_OF.minusSeconds(amount), "{\"amount\": " + amount + "}", "acme");
        }
        warehouse.event("refund", "u10", AS_OF.minusSeconds(5), "{\"amount\": 10}", "acme");
        Expr amount = Expressions.toNumber(Expressions.eventProperty("amount"));
        Query query = Query.select(
                        SelectItem.of(Expressions.sum(amount), "total"),
                        SelectItem.of(Expressions.avg(amount), "mean"),
                        SelectItem.of(Expressions.min(amount), "smallest"),
                        SelectItem.of(Expressions.max(amount), "largest"),
                        SelectItem.of(Expressions.distinctCount(column("distinct_id")), "buyers"),
                        SelectItem.of(
                                Expressions.countIf(eq(column("event"), Expressions.param("ev", "refund"))), "refunds"),
                        SelectItem.of(Expressions.dividedBy(Expressions.sum(amount), Expressions.number(2.0)), "half"))
                .build();

        ResultRows.Row row =
                warehouse.run(Dialect.DUCKDB.render(query, AS_OF)).list().get(0);

        assertThat(row.number("total")).contains(100.0);
        assertThat(row.number("mean")).contains(25.0);
        assertThat(row.number("smallest")).contains(10.0);
        assertThat(row.number("largest")).contains(60.0);
        assertThat(row.count("buyers")).isEqualTo(3);
        assertThat(row.count("refunds")).isEqualTo(1);
        assertThat(row.number("half")).contains(50.0);
        assertThat(Dialect.HOGQL.render(query, AS_OF).sql())
                .contains("sum(toFloat(toString(properties.amount))) AS total")
                .contains("avg(toFloat(toString(properties.amount))) AS mean")
                .contains("uniq(distinct_id) AS buyers")
                .contains("countIf(event = {ev}) AS refunds")
                .contains("(sum(toFloat(toString(properties.amount))) / 2.0) AS half");
    }

    @Test
    void readsEventPersonAndGroupPropertiesThroughJson() throws Exception {
        warehouse.group(3, "acme", "{\"plan\": \"pro\"}");
        warehouse.person("u1", "{\"email\": \"ann@acme.io\"}");
        warehouse.event(
                "$pageview",
                "u1",
                AS_OF.minusSeconds(60),
                "{\"$current_url\": \"https://acme.io/pricing\", \"plan.tier\": \"gold\", \"$feature/nav\": \"on\"}",
                null,
                null,
                null,
                "acme");
        Query query = Query.select(
                        SelectItem.of(Expressions.eventProperty("$current_url"), "url"),
                        SelectItem.of(Expressions.personProperty("email"), "email"),
                        SelectItem.of(Expressions.groupProperty(3, "plan"), "plan"),
                        SelectItem.of(Expressions.eventProperty("plan.tier"), "tier"),
                        SelectItem.of(Expressions.eventProperty("$feature/nav"), "flag"))
                .build();

        ResultRows.Row row =
                warehouse.run(Dialect.DUCKDB.render(query, AS_OF)).list().get(0);

        assertThat(row.text("url")).contains("https://acme.io/pricing");
        assertThat(row.text("email")).contains("ann@acme.io");
        assertThat(row.text("plan")).contains("pro");
        assertThat(row.text("tier"))
                .as("a dot inside a property name is literal")
                .contains("gold");
        assertThat(row.text("flag")).contains("on");
    }
}
