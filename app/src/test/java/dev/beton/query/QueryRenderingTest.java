package dev.beton.query;

import static dev.beton.query.Expressions.and;
import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.countIf;
import static dev.beton.query.Expressions.distinctCount;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.eventProperty;
import static dev.beton.query.Expressions.groupKey;
import static dev.beton.query.Expressions.groupProperty;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.notBlank;
import static dev.beton.query.Expressions.param;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.beton.query.Query.SelectItem;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRenderingTest {

    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");
    private static final TimeWindow LAST_7 = TimeWindow.lastDays(7);

    private static Query usageByCompany() {
        return Query.select(
                        SelectItem.of(groupKey(2), "account"),
                        SelectItem.of(countIf(eq(column("event"), param("ev", "report_created"))), "uses"),
                        SelectItem.of(distinctCount(column("person_id")), "users"),
                        SelectItem.of(Expressions.max(Expressions.toNumber(groupProperty(2, "plan_usage"))), "usage"),
                        SelectItem.of(Expressions.max(eventProperty("$feature/new-nav")), "flag"))
                .where(within(column("timestamp"), LAST_7))
                .where(notBlank(groupKey(2)))
                .groupBy(groupKey(2))
                .orderBy(Expr.OrderItem.asc(column("account")))
                .limit(50000)
                .build();
    }

    @Test
    void rendersHogQlWithPlaceholdersDotAccessAndConditionalCounts() {
        RenderedQuery hogql = Dialect.HOGQL.render(usageByCompany(), AS_OF);

        assertThat(hogql.sql()).isEqualTo("""
                SELECT
                    $group_2 AS account,
                    countIf(event = {ev}) AS uses,
                    uniq(person_id) AS users,
                    max(toFloat(toString(group_2.properties.plan_usage))) AS usage,
                    max(properties['$feature/new-nav']) AS flag
                FROM events
                WHERE timestamp >= toDateTime({last_7_days_start}) AND timestamp < toDateTime({last_7_days_end}) \
                AND coalesce($group_2, '') != ''
                GROUP BY $group_2
                ORDER BY account ASC
                LIMIT 50000""");
        assertThat(hogql.namedValues())
                .containsExactly(
                        entry("ev", "report_created"),
                        entry("last_7_days_start", "2026-11-16T06:00:00Z"),
                        entry("last_7_days_end", "2026-11-23T06:00:00Z"));
    }

    @Test
    void rendersDuckDbWithPositionalParametersAndExplicitGroupJoin() {
        RenderedQuery duck = Dialect.DUCKDB.render(usageByCompany(), AS_OF);

        assertThat(duck.sql())
                .contains("count(*) FILTER (WHERE \"event\" = ?) AS \"uses\"")
                .contains("count(DISTINCT \"person_id\")")
                .contains("TRY_CAST(\"group_2\".\"p_706c616e5f7573616765\" AS DOUBLE)")
                .contains("json_extract_string(\"events\".\"properties\", '$.\"$feature/new-nav\"')")
                .contains("LEFT JOIN (SELECT \"group_key\", json_extract_string(\"properties\", '$.\"plan_usage\"')"
                        + " AS \"p_706c616e5f7573616765\" FROM \"groups\" WHERE \"group_type_index\" = 2) AS \"group_2\""
                        + " ON \"group_2\".\"group_key\" = \"events\".\"$group_2\"");
        assertThat(duck.positionalValues())
                .containsExactly(
                        "report_created", LocalDateTime.of(2026, 11, 16, 6, 0), LocalDateTime.of(2026, 11, 23, 6, 0));
    }

    @Test
    void neverSplicesValuesIntoSqlText() {
        String hostile = "x'); DROP TABLE events; --";
        Query query = Query.select(SelectItem.of(count(), "n"))
                .where(in(column("event"), params("ev", List.of(hostile, "ok"))))
                .build();

        for (Dialect dialect : Dialect.values()) {
            RenderedQuery rendered = dialect.render(query, AS_OF);
            assertThat(rendered.sql()).doesNotContain("DROP");
            assertThat(rendered.positionalValues()).contains(hostile);
        }
    }

    @Test
    void rejectsPropertyNamesThatCouldBreakOutOfTheirQuotes() {
        for (String bad : List.of("a'b", "a\"b", "a\\b", "a]b", "", " lead", "x\ny")) {
            assertThatThrownBy(() -> PropertyName.of(bad)).isInstanceOf(InvalidIdentifier.class);
        }
        assertThat(PropertyName.isValid("$current_url")).isTrue();
        assertThat(PropertyName.isValid("Plan Usage")).isTrue();
    }

    @Test
    void rejectsOneParameterNameBoundToTwoValues() {
        Query query = Query.select(SelectItem.of(count(), "n"))
                .where(and(eq(column("event"), param("ev", "a")), eq(column("event"), param("ev", "b"))))
                .build();

        assertThatThrownBy(() -> Dialect.HOGQL.render(query, AS_OF))
                .hasMessageContaining("Parameter ev is bound to two different values");
    }

    @Test
    void rejectsGroupIndexOutsidePostHogsFiveTypes() {
        assertThatThrownBy(() -> groupKey(5)).hasMessageContaining("0-4");
    }

    @Test
    void pinsWeeksToMondayInHogQl() {
        Query weekly = Query.select(SelectItem.of(Expressions.startOfWeek(column("timestamp")), "week"))
                .build();

        assertThat(Dialect.HOGQL.render(weekly, AS_OF).sql())
                .contains("toStartOfWeek(toTimeZone(timestamp, 'UTC'), 1) AS week");
        assertThat(Dialect.DUCKDB.render(weekly, AS_OF).sql()).contains("date_trunc('week', \"timestamp\")");
    }

    /** Issue 15: casts for PostHog's typed properties, UTC days, NOT IN, the person-profile test. */
    @Test
    void writesTypeSafeHogQlAndTheSameMeaningInDuckDb() {
        Query query = Query.select(
                        SelectItem.of(Expressions.toText(eventProperty("feature")), "feature"),
                        SelectItem.of(
                                Expressions.dateDiffDays(Expressions.max(column("timestamp")), Expressions.asOf()),
                                "days"))
                .where(Expressions.not(in(column("event"), params("ignored", List.of("a", "b")))))
                .where(Expressions.hasPersonProfile())
                .groupBy(Expressions.toText(eventProperty("feature")))
                .build();

        assertThat(Dialect.HOGQL.render(query, AS_OF).sql())
                .contains("toString(properties.feature) AS feature")
                .contains("dateDiff('day', toTimeZone(max(timestamp), 'UTC'), toTimeZone(toDateTime({as_of}), 'UTC'))")
                .contains("event NOT IN ({ignored_0}, {ignored_1})")
                .contains("coalesce(toString(properties.$process_person_profile), '') != 'false'")
                .doesNotContain("NOT (");
        assertThat(Dialect.DUCKDB.render(query, AS_OF).sql())
                .contains("json_extract_string(\"events\".\"properties\", '$.\"feature\"') AS \"feature\"")
                .contains("\"event\" NOT IN (?, ?)")
                .contains("\"events\".\"person_id\" IS NOT NULL");
    }
}
