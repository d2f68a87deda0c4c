package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Row limits, {@code hasMore} and keyset pagination against the emulator's HogQL. */
class PostHogPagingTest {

    private EmulatedPostHog posthog;
    private QueryRunner runner;

    @BeforeEach
    void start() {
        posthog = EmulatedPostHog.start();
        runner = PostHogQueryRunner.of(posthog.client, EmulatedPostHog.KEY, EmulatedPostHog.PROJECT);
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void withoutLimitPostHogReturnsOneHundredRowsAndSaysThereAreMore() throws Exception {
        posthog.capture("report_created", 150, 150);

        PostHogQueryPage page = page("SELECT uuid FROM events ORDER BY uuid");

        assertThat(page.rows().rows()).hasSize(100);
        assertThat(page.hasMore()).isTrue();
        posthog.contract.assertNoViolations();
    }

    @Test
    void detectionRefusesAnAnswerWithRowsHeldBack() throws Exception {
        posthog.capture("report_created", 101, 101);
        RenderedQuery unlimited = new RenderedQuery(Dialect.HOGQL, "SELECT uuid FROM events", List.of());

        assertThatThrownBy(() -> runner.run(unlimited))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("first 100 rows")
                .hasMessageContaining("explicit LIMIT");
        assertThat(posthog.client
                        .query(
                                EmulatedPostHog.KEY,
                                EmulatedPostHog.PROJECT,
                                unlimited,
                                PostHogQueryRunner.FORCE_BLOCKING)
                        .rows())
                .hasSize(100);
    }

    @Test
    void anExplicitLimitIsHonouredWithoutHasMore() throws Exception {
        posthog.capture("report_created", 150, 150);

        PostHogQueryPage page = page("SELECT uuid FROM events ORDER BY uuid LIMIT 120");

        assertThat(page.rows().rows()).hasSize(120);
        assertThat(page.hasMore()).isFalse();
        posthog.contract.assertNoViolations();
    }

    @Test
    void aLimitAboveFiftyThousandIsCutToFiftyThousand() throws Exception {
        posthog.capture("bulk", PostHogClient.MAX_LIMIT + 10, 7);

        PostHogQueryPage page = page("SELECT uuid FROM events LIMIT 60000");

        assertThat(page.rows().rows()).hasSize(PostHogClient.MAX_LIMIT);
        posthog.contract.assertNoViolations();
    }

    @Test
    void thePagerRefusesPagesPostHogWouldCut() {
        assertThatThrownBy(() -> PostHogKeysetPager.select("uuid").pageSize(PostHogClient.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("50000");
        assertThatThrownBy(() -> PostHogKeysetPager.select("uuid").pageSize(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetIsRefusedSoPagingMustUseKeys() throws Exception {
        posthog.capture("report_created", 3, 3);

        assertThatThrownBy(() -> page("SELECT uuid FROM events ORDER BY uuid LIMIT 2 OFFSET 2"))
                .isInstanceOf(PostHogException.ApiError.class)
                .hasMessageContaining("keyset pagination");
    }

    @Test
    void keysetPagingReadsEveryEventOnceAcrossPagesEvenWhenTimestampsTie() throws Exception {
        posthog.capture("report_created", 250, 13);
        posthog.capture("other_event", 20, 3);
        PostHogKeysetPager pager = PostHogKeysetPager.select("uuid, timestamp, distinct_id")
                .from("events")
                .where("event = {ev}")
                .bind("ev", "report_created")
                .orderedBy("timestamp", "uuid")
                .pageSize(45) // odd: page boundaries split pairs of events that share a timestamp
                .build();
        List<Integer> pageSizes = new ArrayList<>();

        long total = pager.forEachPage(runner, rows -> pageSizes.add(rows.rows().size()));

        assertThat(total).isEqualTo(250);
        assertThat(pageSizes).containsExactly(45, 45, 45, 45, 45, 25);
        ResultRows all = pager.all(runner);
        Set<Object> uuids = new HashSet<>();
        all.list().forEach(r -> uuids.add(r.value("uuid").orElseThrow()));
        assertThat(uuids).hasSize(250);
        assertThat(all.list().stream()
                        .map(r -> r.instant("timestamp").orElseThrow())
                        .toList())
                .isSorted();
        // Pages after the first bind the last key instead of skipping rows with OFFSET.
        assertThat(posthog.sent("POST", "/query/").get(1).requestBody())
                .contains("beton_keyset_after_0")
                .doesNotContain("OFFSET");
        posthog.contract.assertNoViolations();
    }

    /**
     * A project in America/Chicago: PostHog returns timestamps with the project's offset and
     * microseconds; the pager binds them back as UTC through toDateTime, so no row is lost or
     * read twice at page boundaries.
     */
    @Test
    void keysetPagingOverTimestampsWorksInANonUtcProject() throws Exception {
        posthog.emulator.timezone(EmulatedPostHog.PROJECT, java.time.ZoneId.of("America/Chicago"));
        posthog.capture("report_created", 100, 7);
        PostHogKeysetPager pager = PostHogKeysetPager.select("uuid, timestamp")
                .from("events")
                .orderedBy("timestamp", "uuid")
                .pageSize(30)
                .build();

        ResultRows all = pager.all(runner);

        assertThat(all.rows()).hasSize(100);
        assertThat(all.list().stream().map(r -> r.value("uuid").orElseThrow()).distinct())
                .hasSize(100);
        assertThat(all.list().getFirst().text("timestamp").orElseThrow()).endsWith("-06:00");
        assertThat(posthog.sent("POST", "/query/").get(1).requestBody()).contains("toDateTime({beton_keyset_after_0})");
        posthog.contract.assertNoViolations();
    }

    @Test
    void keysetPagingOverGroupedRowsComparesKeysInHaving() throws Exception {
        posthog.capture("report_created", 90, 30);
        PostHogKeysetPager pager = PostHogKeysetPager.select("distinct_id, count() AS n")
                .from("events")
                .groupBy("distinct_id")
                .orderedBy("distinct_id")
                .pageSize(7)
                .build();

        ResultRows all = pager.all(runner);

        assertThat(all.rows()).hasSize(30);
        assertThat(all.list()).allSatisfy(r -> assertThat(r.count("n")).isEqualTo(3));
        assertThat(pager.pageAfter(List.of("user-9")).sql()).contains("HAVING").doesNotContain("WHERE");
        assertThat(posthog.sent("POST", "/query/")).hasSize(5);
        posthog.contract.assertNoViolations();
    }

    @Test
    void anExactMultipleOfThePageSizeEndsWithOneEmptyPage() throws Exception {
        posthog.capture("report_created", 30, 30);
        PostHogKeysetPager pager = PostHogKeysetPager.select("uuid")
                .from("events")
                .orderedBy("uuid")
                .pageSize(10)
                .build();
        List<Integer> pageSizes = new ArrayList<>();

        pager.forEachPage(runner, rows -> pageSizes.add(rows.rows().size()));

        assertThat(pageSizes).containsExactly(10, 10, 10, 0);
    }

    @Test
    void refusesKeysThatAreNotColumnNames() {
        assertThatThrownBy(() -> PostHogKeysetPager.select("uuid").orderedBy("uuid; DROP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain column name");
        assertThatThrownBy(() -> PostHogKeysetPager.select("uuid").bind("beton_keyset_after_0", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private PostHogQueryPage page(String sql) {
        return posthog.client.queryPage(
                EmulatedPostHog.KEY,
                EmulatedPostHog.PROJECT,
                new RenderedQuery(Dialect.HOGQL, sql, List.of()),
                PostHogQueryRunner.FORCE_BLOCKING);
    }
}
