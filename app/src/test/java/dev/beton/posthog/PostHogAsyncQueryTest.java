package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asynchronous answers (202 + {@code query_status}) polled on a fake clock until done, failed or too late. */
class PostHogAsyncQueryTest {

    private static final RenderedQuery COUNT = new RenderedQuery(
            Dialect.HOGQL,
            "SELECT count() AS n FROM events WHERE event = {ev}",
            List.of(new RenderedQuery.BoundParameter("ev", "report_created")));

    private EmulatedPostHog posthog;

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void pollsAnAsyncQueryUntilItCompletes() throws Exception {
        posthog = new EmulatedPostHog(b -> b.asyncQueryDuration(Duration.ofSeconds(3)), Duration.ofSeconds(60));
        posthog.capture("report_created", 4, 2);

        ResultRows rows = posthog.client.query(EmulatedPostHog.KEY, EmulatedPostHog.PROJECT, COUNT, "async");

        assertThat(rows.list().getFirst().count("n")).isEqualTo(4);
        assertThat(posthog.sent("GET", "/query/" + queryId() + "/"))
                .extracting(e -> e.status())
                .endsWith(200)
                .contains(202);
        // Backoff grows and never exceeds its cap; the total stays close to the 3 s the query ran.
        assertThat(posthog.pauses).isSorted().allMatch(d -> d.compareTo(QueryPolling.LONGEST_DELAY) <= 0);
        assertThat(posthog.pauses.stream().mapToLong(Duration::toMillis).sum()).isBetween(3_000L, 5_000L);
        posthog.contract.assertNoViolations();
    }

    @Test
    void aFailingAsyncQueryCarriesPostHogsErrorMessage() {
        posthog = new EmulatedPostHog(b -> b.asyncQueryDuration(Duration.ofSeconds(2)), Duration.ofSeconds(60));
        RenderedQuery unknownColumn = new RenderedQuery(Dialect.HOGQL, "SELECT no_such_column FROM events", List.of());

        assertThatThrownBy(() ->
                        posthog.client.query(EmulatedPostHog.KEY, EmulatedPostHog.PROJECT, unknownColumn, "async"))
                .isInstanceOfSatisfying(PostHogException.ApiError.class, e -> assertThat(e.status())
                        .isEqualTo(400))
                .hasMessageContaining("no_such_column");
        assertThat(posthog.sent("GET", "/query/" + queryId() + "/"))
                .extracting(e -> e.status())
                .endsWith(400);
        posthog.contract.assertNoViolations();
    }

    @Test
    void givesUpAfterTheQueryWaitAndCancelsTheQuery() {
        posthog = new EmulatedPostHog(b -> b.asyncQueryDuration(Duration.ofMinutes(5)), Duration.ofSeconds(10));

        assertThatThrownBy(() -> posthog.client.query(EmulatedPostHog.KEY, EmulatedPostHog.PROJECT, COUNT, "async"))
                .isInstanceOf(PostHogException.Unreachable.class)
                .hasMessageContaining("within 10 s")
                .hasMessageContaining("beton.posthog.query-wait")
                .hasMessageNotContaining(EmulatedPostHog.KEY_TEXT);
        assertThat(posthog.pauses.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(10_000L);
        assertThat(posthog.sent("DELETE", "/query/" + queryId() + "/"))
                .singleElement()
                .extracting(e -> e.status())
                .isEqualTo(200);
        posthog.contract.assertNoViolations();
    }

    @Test
    void anAsyncQueryAlreadyCompleteInTheFirstAnswerIsNotPolled() throws Exception {
        posthog = EmulatedPostHog.start();
        posthog.capture("report_created", 3, 1);

        ResultRows rows = posthog.client.query(EmulatedPostHog.KEY, EmulatedPostHog.PROJECT, COUNT, "async");

        assertThat(rows.list().getFirst().count("n")).isEqualTo(3);
        assertThat(posthog.pauses).isEmpty();
        assertThat(posthog.sent("GET", "/query/" + queryId() + "/")).isEmpty();
        posthog.contract.assertNoViolations();
    }

    @Test
    void anInterruptWhileWaitingKeepsTheFlagAndFailsAsUnreachable() {
        posthog = new EmulatedPostHog(b -> b.asyncQueryDuration(Duration.ofSeconds(3)), Duration.ofSeconds(60));
        PostHogClient interrupted = new PostHogClients(
                        new PostHogProperties(
                                posthog.emulator.baseUrl(), posthog.emulator.baseUrl(), Duration.ofSeconds(5)),
                        tools.jackson.databind.json.JsonMapper.builder().build(),
                        posthog.clock,
                        d -> {
                            throw new InterruptedException("test");
                        })
                .forHost(posthog.emulator.baseUrl());
        try {
            assertThatThrownBy(() -> interrupted.query(EmulatedPostHog.KEY, EmulatedPostHog.PROJECT, COUNT, "async"))
                    .isInstanceOf(PostHogException.Unreachable.class)
                    .hasMessageContaining("Interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesAnUnknownRefreshModeBeforeSendingAnything() {
        posthog = EmulatedPostHog.start();

        assertThatThrownBy(() -> posthog.client.query(EmulatedPostHog.KEY, EmulatedPostHog.PROJECT, COUNT, "sometimes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no refresh mode \"sometimes\"");
        assertThat(posthog.exchanges).isEmpty();
    }

    @Test
    void aBlockingQueryIsAnsweredWithoutPolling() throws Exception {
        posthog = EmulatedPostHog.start();
        posthog.capture("report_created", 2, 1);

        ResultRows rows = posthog.client.query(EmulatedPostHog.KEY, EmulatedPostHog.PROJECT, COUNT, "force_blocking");

        assertThat(rows.list().getFirst().count("n")).isEqualTo(2);
        assertThat(posthog.pauses).isEmpty();
        assertThat(posthog.exchanges)
                .noneMatch(e -> e.method().equals("GET") && e.path().contains("/query/"));
        posthog.contract.assertNoViolations();
    }

    @Test
    void refusesANonPositiveQueryWait() {
        posthog = EmulatedPostHog.start();
        assertThatThrownBy(() -> new PostHogProperties(
                        posthog.emulator.baseUrl(), posthog.emulator.baseUrl(), Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beton.posthog.query-wait");
    }

    /** The id PostHog gave the submitted query, read from the 202 answer. */
    private String queryId() {
        String body = posthog.sent("POST", "/query/").getFirst().responseBody();
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(body)
                .path("query_status")
                .path("id")
                .asString();
    }
}
