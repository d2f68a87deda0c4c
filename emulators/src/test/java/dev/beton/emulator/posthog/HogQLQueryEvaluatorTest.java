package dev.beton.emulator.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The evaluator construct by construct, on a small hand-made world. */
class HogQLQueryEvaluatorTest {

    /** Events 0.5, 1, 3 and 10 days before now: two accounts, pageviews and a feature. */
    private final HogQLWorld world = new HogQLWorld()
            .event(
                    "$pageview",
                    "ann",
                    Duration.ofHours(12),
                    Map.of("$current_url", "https://a.io/pricing"),
                    null,
                    null,
                    "acme")
            .event(
                    "$pageview",
                    "bob",
                    Duration.ofDays(1),
                    Map.of("$current_url", "https://a.io/docs"),
                    null,
                    null,
                    "acme")
            .event("feature_used", "ann", Duration.ofDays(3), Map.of("feature", "export", "n", 3), null, null, "acme")
            .event(
                    "$pageview",
                    "cy",
                    Duration.ofDays(10),
                    Map.of("$current_url", "https://b.io/Plans"),
                    null,
                    null,
                    "globex")
            .group(2, "acme", Map.of("plan_usage", 801, "plan_limit", "1000", "trial_ends_at", "2026-01-15T00:00:00Z"))
            .person(Map.of("email", "ann@acme.io"), "ann", "ann-alias");

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT count() FROM events                                                    | 4",
                "select COUNT(*) from events;                                                  | 4",
                "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL 1 DAY          | 2",
                "SELECT count() FROM events WHERE timestamp > now() - INTERVAL 1 DAY           | 1",
                "SELECT count() FROM events WHERE timestamp >= now() - toIntervalDay(7)        | 3",
                "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL 2 WEEK         | 4",
                "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL 13 HOUR        | 1",
                "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL 1 MONTH        | 4",
                "SELECT count() FROM events WHERE event = '$pageview'                          | 3",
                "SELECT count() FROM events WHERE event IN ('feature_used', 'x')               | 1",
                "SELECT count() FROM events WHERE NOT (event IN ('feature_used', 'x'))         | 3",
                "SELECT count() FROM events WHERE event NOT IN ('feature_used')                | 3",
                "SELECT count() FROM events WHERE properties.$current_url LIKE '%/pricing%'    | 1",
                "SELECT count() FROM events WHERE properties.$current_url LIKE '%/plans%'      | 0",
                "SELECT count() FROM events WHERE properties.$current_url ILIKE '%/plans%'     | 1",
                "SELECT count() FROM events WHERE properties.$current_url NOT LIKE '%a.io%'    | 1",
                "SELECT count() FROM events WHERE properties.feature IS NOT NULL               | 1",
                "SELECT count() FROM events WHERE properties.feature = 'export' OR event = 'x' | 1",
                "SELECT count() FROM events WHERE properties.missing != 'x'                    | 0",
                "SELECT count() FROM events WHERE coalesce(properties.missing, '') != 'x'      | 4",
                "SELECT count() FROM events WHERE $group_2 = 'acme' AND distinct_id = 'ann'    | 2",
                "SELECT count() FROM events WHERE coalesce($group_0, '') != ''                 | 0",
                "SELECT count() FROM events WHERE $group_0 = ''                                | 4",
                "SELECT count(DISTINCT distinct_id) FROM events                                | 3",
                "SELECT uniq($group_2) FROM events                                             | 2",
                "SELECT countIf(event = '$pageview') FROM events                               | 3",
                "SELECT uniqIf(distinct_id, event = '$pageview') FROM events                   | 3",
                "SELECT count(properties.feature) FROM events                                  | 1",
            })
    void countsWhatTheConditionKeeps(String query, long expected) {
        assertThat(world.rows(query)).containsExactly(List.of(expected));
    }

    @Test
    void commentsAreSkipped() {
        assertThat(world.rows("-- signal\nSELECT count() /* all */ FROM events -- tail\nWHERE event = 'feature_used'"))
                .containsExactly(row(1L));
    }

    @Test
    void groupsOrdersAndNamesColumns() {
        HogQLEvaluator.Result result = world.run("SELECT $group_2 AS account, count() AS n, min(timestamp) AS first"
                + " FROM events GROUP BY account ORDER BY n DESC, account LIMIT 10");

        assertThat(result.columns()).containsExactly("account", "n", "first");
        assertThat(result.types()).containsExactly("String", "UInt64", "DateTime64(6, 'UTC')");
        assertThat(result.rows())
                .containsExactly(row("acme", 3L, "2026-01-07T00:00:00Z"), row("globex", 1L, "2025-12-31T00:00:00Z"));
    }

    @Test
    void unaliasedColumnsAreNamedAsWritten() {
        assertThat(world.run("SELECT event, properties.feature, count() FROM events GROUP BY event, properties.feature")
                        .columns())
                .containsExactly("event", "feature", "count()");
    }

    @Test
    void havingFiltersGroups() {
        assertThat(world.rows("SELECT distinct_id FROM events GROUP BY distinct_id HAVING count() > 1"))
                .containsExactly(row("ann"));
        assertThat(world.rows("SELECT distinct_id, min(timestamp) AS first FROM events GROUP BY distinct_id"
                        + " HAVING first >= now() - INTERVAL 2 DAY ORDER BY distinct_id"))
                .containsExactly(row("bob", "2026-01-09T00:00:00Z"));
    }

    @Test
    void aggregatesFollowClickHouseDefaults() {
        assertThat(world.rows("SELECT sum(toFloat(properties.n)), avg(toFloat(properties.n)), max(properties.feature),"
                        + " min(toFloat(properties.missing)), sumIf(1, event = 'none') FROM events"))
                .containsExactly(row(3.0, 3.0, "export", null, 0L));
        assertThat(world.rows("SELECT count() FROM events WHERE event = 'none'"))
                .containsExactly(row(0L));
        assertThat(world.rows("SELECT event, count() FROM events WHERE event = 'none' GROUP BY event"))
                .isEmpty();
    }

    @Test
    void argMaxPicksTheValueAtTheLatestRow() {
        assertThat(world.rows("SELECT argMax(distinct_id, timestamp), argMin(distinct_id, timestamp),"
                        + " argMaxIf(distinct_id, timestamp, event = 'feature_used') FROM events"))
                .containsExactly(row("ann", "cy", "ann"));
    }

    @Test
    void propertiesReadAsTextAndNumbersConvert() {
        assertThat(world.rows("SELECT properties.n, toFloat(properties.n) + 1, toFloat(properties.feature),"
                        + " properties['feature'], toInt(properties.n) * 2 FROM events WHERE event = 'feature_used'"))
                .containsExactly(row("3", 4.0, null, "export", 6L));
    }

    @Test
    void nestedPropertiesAreFollowed() {
        HogQLWorld nested = new HogQLWorld()
                .event(
                        "$groupidentify",
                        "ann",
                        Duration.ofDays(1),
                        Map.of("$group_set", Map.of("plan_usage", 5, "tier", Map.of("name", "pro"))));

        assertThat(nested.rows("SELECT properties.$group_set.plan_usage, properties.$group_set.tier.name,"
                        + " properties.$group_set.nope.deeper FROM events"))
                .containsExactly(row("5", "pro", null));
    }

    @Test
    void groupAndPersonPropertiesComeFromTheLazyJoins() {
        assertThat(world.rows("SELECT $group_2, max(toFloat(group_2.properties.plan_usage)),"
                        + " max(group_2.properties.trial_ends_at), max(person.properties.email)"
                        + " FROM events GROUP BY $group_2 ORDER BY $group_2"))
                .containsExactly(
                        row("acme", 801.0, "2026-01-15T00:00:00Z", "ann@acme.io"), row("globex", null, null, null));
    }

    @Test
    void personIdIsSharedByAliases() {
        HogQLWorld aliases = new HogQLWorld()
                .person(Map.of(), "ann", "ann-alias")
                .event("a", "ann", Duration.ofDays(1), Map.of())
                .event("a", "ann-alias", Duration.ofDays(2), Map.of())
                .event("a", "bob", Duration.ofDays(2), Map.of());

        assertThat(aliases.rows("SELECT uniq(person_id), countIf(person_id IS NOT NULL) FROM events"))
                .containsExactly(row(2L, 3L));
    }

    @Test
    void timeFunctions() {
        assertThat(world.rows(
                        "SELECT dateDiff('day', toDateTime('2026-01-01T23:00:00Z'), toDateTime({t})),"
                                + " toStartOfWeek(toDateTime({t})), toStartOfWeek(toDateTime({t}), 1),"
                                + " toDateTime({t}) + INTERVAL 1 MONTH, now() - INTERVAL 1 HOUR",
                        Map.of("t", "2026-01-08T01:00:00Z")))
                .containsExactly(row(7L, "2026-01-04", "2026-01-05", "2026-02-08T01:00:00Z", "2026-01-09T23:00:00Z"));
    }

    @Test
    void conditionalsAndStrings() {
        assertThat(world.rows("SELECT CASE WHEN event = '$pageview' THEN 'view' ELSE 'other' END AS kind,"
                        + " if(distinct_id = 'ann', 1, 0), multiIf(event = 'x', 'a', event = 'feature_used', 'b', 'c'),"
                        + " ifNull(properties.missing, 'none'), lower(upper(event)), concat(event, '/', distinct_id),"
                        + " CASE event WHEN 'feature_used' THEN 1 END"
                        + " FROM events WHERE event = 'feature_used'"))
                .containsExactly(row("other", 1L, "b", "none", "feature_used", "feature_used/ann", 1L));
    }

    @Test
    void ctesAndLeftJoinsGiveColumnDefaultsToUnmatchedRows() {
        String sql = """
                WITH views AS (
                    SELECT $group_2 AS account, count() AS views FROM events WHERE event = '$pageview' GROUP BY $group_2
                ),
                features AS (
                    SELECT $group_2 AS account, count() AS uses, max(properties.feature) AS last_feature
                    FROM events WHERE event = 'feature_used' GROUP BY $group_2
                )
                SELECT v.account AS account, v.views AS views, f.account AS matched, f.uses AS uses,
                       f.last_feature AS feature
                FROM views AS v
                LEFT JOIN features AS f ON f.account = v.account
                ORDER BY v.account ASC
                LIMIT 100
                """;

        assertThat(world.rows(sql))
                .containsExactly(row("acme", 2L, "acme", 1L, "export"), row("globex", 1L, "", 0L, null));
        assertThat(world.rows(sql.replace("LEFT JOIN", "JOIN"))).containsExactly(row("acme", 2L, "acme", 1L, "export"));
    }

    @Test
    void subqueriesInFrom() {
        assertThat(world.rows("SELECT count() AS accounts, sum(n) FROM (SELECT $group_2 AS a, count() AS n FROM events"
                        + " GROUP BY a) WHERE n > 0"))
                .containsExactly(row(2L, 4L));
    }

    @Test
    void windowFunctions() {
        String sql = "SELECT distinct_id, count() AS n,"
                + " row_number() OVER (ORDER BY distinct_id DESC) AS r,"
                + " lagInFrame(count()) OVER (ORDER BY distinct_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS prev"
                + " FROM events GROUP BY distinct_id ORDER BY distinct_id";

        assertThat(world.rows(sql))
                .containsExactly(row("ann", 2L, 3L, 0L), row("bob", 1L, 2L, 2L), row("cy", 1L, 1L, 1L));
    }

    @Test
    void placeholdersAreBoundAsValuesNeverAsText() {
        assertThat(world.rows("SELECT count() FROM events WHERE event = {e}", Map.of("e", "'x' OR 1 = 1")))
                .containsExactly(row(0L));
        assertThat(world.rows(
                        "SELECT count() FROM events WHERE event IN {names}",
                        Map.of("names", List.of("$pageview", "feature_used"))))
                .containsExactly(row(4L));
        assertThatThrownBy(() -> world.run("SELECT count() FROM events WHERE event = {missing}"))
                .isInstanceOf(HogQLError.class)
                .hasMessageContaining("{missing}");
    }

    @Test
    void limitAndDistinct() {
        assertThat(world.rows("SELECT DISTINCT event FROM events ORDER BY event LIMIT 1"))
                .containsExactly(row("$pageview"));
        assertThat(world.rows("SELECT event FROM events ORDER BY timestamp DESC LIMIT {n}", Map.of("n", 2)))
                .containsExactly(row("$pageview"), row("$pageview"));
        assertThat(world.run("SELECT event FROM events").limit()).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SELEC count() FROM events                                   | SYNTAX",
                "SELECT count( FROM events                                   | SYNTAX",
                "SELECT count() events                                       | SYNTAX",
                "SELECT count() FROM events WHERE                            | SYNTAX",
                "SELECT 'unterminated FROM events                            | SYNTAX",
                "SELECT count() FROM persons                                 | QUERY",
                "SELECT count() FROM nope                                    | QUERY",
                "SELECT nope FROM events                                     | QUERY",
                "SELECT event, count() FROM events                           | QUERY",
                "SELECT count() FROM events GROUP BY event HAVING distinct_id = 'a' | QUERY",
                "SELECT frobnicate(event) FROM events                        | QUERY",
                "SELECT if(1 = 0, frobnicate(event), 1) FROM events          | QUERY",
                "SELECT quantile(0.5)(timestamp) FROM events                 | QUERY",
                "SELECT * FROM events                                        | QUERY",
                "SELECT count() FROM events UNION ALL SELECT 1 FROM events   | QUERY",
                "SELECT count() FROM events WHERE event IN (SELECT event FROM events) | QUERY",
                "SELECT sum(count()) FROM events                             | QUERY",
                "SELECT count() FROM events LIMIT 10 OFFSET 10               | QUERY",
                "SELECT toStartOfWeek(timestamp, 3) FROM events              | QUERY",
                "SELECT count() FROM events WHERE count() > 1                | QUERY",
                "SELECT count() FROM events ANY LEFT JOIN events ON 1 = 1    | QUERY",
                "SELECT count() FROM events e LEFT ANY JOIN events f ON 1 = 1 | QUERY",
                "SELECT count() FROM events RIGHT JOIN events ON 1 = 1       | QUERY",
                "SELECT count() FROM events ARRAY JOIN [1] AS x              | QUERY",
                "SELECT count() FROM events SAMPLE 0.1                       | QUERY",
                "SELECT event FROM events ORDER BY event NULLS FIRST         | QUERY",
                "SELECT event FROM events LIMIT 1 BY event                   | QUERY",
                "SELECT (1, 2) FROM events                                   | QUERY",
                "SELECT count() FROM events WHERE 1 BETWEEN 0 AND 2          | QUERY",
                "SELECT sum(1) OVER (ORDER BY event) FROM events             | QUERY",
                "WITH 1 AS one SELECT one FROM events                        | QUERY",
                "SELECT event, count() FROM events GROUP BY 1                | QUERY",
                "SELECT event FROM events ORDER BY 1                         | QUERY",
                "SELECT leadInFrame(event) OVER (ORDER BY timestamp) FROM events | QUERY",
                "SELECT row_number() OVER (ORDER BY timestamp ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM events | QUERY",
                "SELECT e.event FROM events e JOIN events f ON e.uuid = f.uuid WHERE event = 'x' | QUERY",
            })
    void refusesWhatItDoesNotUnderstand(String query, HogQLError.Kind kind) {
        assertThatThrownBy(() -> world.run(query)).isInstanceOfSatisfying(HogQLError.class, e -> assertThat(e.kind)
                .isEqualTo(kind));
    }

    @Test
    void offsetGetsPostHogsPersonalKeyMessage() {
        assertThatThrownBy(() -> world.run("SELECT count() FROM events LIMIT 1 OFFSET 5"))
                .hasMessageStartingWith("OFFSET is not supported on queries made with a personal API key.");
    }
}
