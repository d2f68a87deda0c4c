package dev.beton.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.posthog.PostHogCaptureEvent;
import dev.beton.posthog.PostHogCaptures;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.PageSession;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * "Load data from PostHog" (issue 19 §5) against the PostHog emulator, every exchange
 * contract-validated: the estimate before starting, keyset paging through the gateway, a stop
 * after the first page and a resume that continues after it without copying an event twice, the
 * row limit, the company groups, and the Backtest page naming the copy a backtest reads.
 */
@OnEmbeddedStore
class PostHogCopyTest {

    static final String KEY = "phx_posthogCopyTestKey0123456789abcdefghijklmnopqr";
    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000e1"), "Acme", "acme");
    static final PostHogProject PROJECT =
            new PostHogProject(601, ORG.id(), "Product", "phc_posthogCopyProjectToken0123456789abcdefgh");

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    PostHogCaptures captures;

    @Autowired
    PostHogCopies copies;

    @Autowired
    Backtests backtests;

    final ContractValidator contract = ContractValidator.posthog();
    PostHogEmulator posthog;
    Http http;

    @BeforeEach
    void start() {
        posthog = PostHogEmulator.builder()
                .organization(ORG)
                .project(PROJECT)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .observer(contract)
                .start();
        http = new Http(port);
        copies.pageSize(4);
    }

    @AfterEach
    void stop() {
        copies.pageSize(PostHogCopies.PAGE);
        posthog.close();
    }

    @Test
    void aCopyIsEstimatedPagedStoppedAndResumedWithoutCopyingAnEventTwice() {
        Workspace workspace = newWorkspace();
        List<PostHogCaptureEvent> events = world();
        assertThat(captures.forApiHost(posthog.baseUrl())
                        .send(PROJECT.apiToken(), events)
                        .accepted())
                .isEqualTo(events.size());
        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        assertThat(http.eventSource(workspace.slug(), "posthog").status()).isEqualTo(200);

        // Before starting: what PostHog holds and what the copy will spend (11 events in pages of 4 → 3,
        // 2 company groups in one page).
        JsonNode estimate = http.get(
                        "/api/v1/posthog-copies/estimate?days=10&workspace=" + workspace.slug(), Http.adminBasic())
                .json();
        assertThat(estimate.get("events").asLong()).isEqualTo(11);
        assertThat(estimate.get("groups").asLong()).isEqualTo(2);
        assertThat(estimate.get("queries").asInt()).isEqualTo(3 + 1);
        assertThat(estimate.get("usage").get("queriesRemaining").asLong()).isPositive();

        // Stopped after the first page: 4 events stored, the cursor kept.
        AtomicBoolean stopped = new AtomicBoolean();
        long[] copyId = new long[1];
        PostHogCopy first = copies.run(workspace.id(), new PostHogCopies.Request(10, 1_000), (done, total) -> {
            if (done >= 4 && stopped.compareAndSet(false, true)) {
                copies.stop(
                        workspace.id(),
                        copies.recent(workspace.id(), 1).getFirst().id());
            }
        });
        copyId[0] = first.id();
        assertThat(first.complete()).isFalse();
        assertThat(first.eventsCopied()).isEqualTo(4);
        assertThat(first.note()).hasValueSatisfying(n -> assertThat(n).contains("Stopped after 4 events"));
        assertThat(storedUuids(workspace)).hasSize(4);
        assertThat(copies.latestUnfinished(workspace.id())).map(PostHogCopy::id).hasValue(first.id());

        // Resumed: it continues after the last stored page; every PostHog event is there exactly once.
        PostHogCopy done =
                copies.resumeHere(workspace.id(), first.id(), (d, t) -> {}).orElseThrow();
        assertThat(done.complete()).isTrue();
        assertThat(done.eventsCopied()).isEqualTo(11);
        assertThat(done.groupsCopied()).isEqualTo(2);
        // The period: the 10 days before the current hour (not the event 20 days back, nor this hour's).
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Set<String> expected = new HashSet<>();
        events.stream()
                .filter(e -> !e.timestamp().isBefore(end.minus(Duration.ofDays(10)))
                        && e.timestamp().isBefore(end))
                .forEach(e -> expected.add(e.uuid().toString()));
        assertThat(expected).hasSize(11);
        assertThat(storedUuids(workspace)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(eventCount(workspace)).isEqualTo(11);
        // Groups: the company's present-day properties from PostHog's groups table.
        long groups = warehouse.read(workspace.id(), c -> {
            try (var rs = c.createStatement()
                    .executeQuery("SELECT count(*) FROM groups WHERE group_key IN ('acme.io', 'globex.io')")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(groups).isEqualTo(2);

        // The API lists it with its job run; the Backtest page says which copy a backtest reads.
        JsonNode listed = http.get("/api/v1/posthog-copies?workspace=" + workspace.slug(), Http.adminBasic())
                .json();
        assertThat(listed.get(0).get("copy").get("id").asLong()).isEqualTo(done.id());
        assertThat(listed.get(0).get("run").get("status").asString()).isEqualTo("SUCCEEDED");
        String page = PageSession.admin(http.baseUrl()).html("/backtests?workspace=" + workspace.slug());
        assertThat(page)
                .containsPattern("copy\\s*<span>" + done.id() + "</span>")
                .contains("PostHog project " + PROJECT.id())
                .contains("A backtest sends no query to PostHog");
        String copyPage =
                PageSession.admin(http.baseUrl()).html("/backtests/posthog-copy?workspace=" + workspace.slug());
        assertThat(copyPage).contains("Load data from PostHog").contains("loaded");
        contract.assertNoViolations();
    }

    @Test
    void theRowLimitCutsTheCopyAndSaysWhere() {
        Workspace workspace = newWorkspace();
        List<PostHogCaptureEvent> events = world();
        captures.forApiHost(posthog.baseUrl()).send(PROJECT.apiToken(), events);
        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());

        PostHogCopy copy = copies.run(workspace.id(), new PostHogCopies.Request(10, 6), (d, t) -> {});

        assertThat(copy.complete()).isTrue();
        assertThat(copy.eventsCopied()).isEqualTo(6);
        assertThat(copy.eventsTotal()).hasValue(11);
        assertThat(copy.note()).hasValueSatisfying(n -> assertThat(n).contains("row limit of 6"));
        assertThat(eventCount(workspace)).isEqualTo(6);
        // A bad request is a problem with a sentence.
        Http.Response bad = http.postJson(
                "/api/v1/posthog-copies?workspace=" + workspace.slug(), Http.adminBasic(), "{\"days\": 400}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("'days' must be between 1 and 180");
        contract.assertNoViolations();
    }

    /** Two companies over the last days: usage, pricing visits, and a $groupidentify each. */
    private static List<PostHogCaptureEvent> world() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<PostHogCaptureEvent> events = new ArrayList<>();
        int i = 0;
        for (String company : List.of("acme.io", "globex.io")) {
            events.add(event(
                    i++,
                    "$groupidentify",
                    "ann@" + company,
                    hour.minus(Duration.ofDays(5)),
                    Map.of("$group_type", "company", "$group_key", company, "$group_set", Map.of("name", company))));
            for (int day = 4; day >= 1; day--) {
                events.add(event(
                        i++,
                        "$pageview",
                        "ann@" + company,
                        hour.minus(Duration.ofDays(day)),
                        Map.of("$current_url", "https://x.io/pricing", "$groups", Map.of("company", company))));
            }
        }
        // One event before the period and one in the current hour: neither is copied.
        events.add(event(i++, "$pageview", "old@acme.io", hour.minus(Duration.ofDays(20)), Map.of()));
        events.add(event(i++, "$pageview", "new@acme.io", Instant.now(), Map.of()));
        // And one more inside, without a company.
        events.add(event(i, "signed_up", "bob@x.io", hour.minus(Duration.ofHours(5)), Map.of()));
        return events;
    }

    private static PostHogCaptureEvent event(
            int index, String name, String distinctId, Instant at, Map<String, Object> properties) {
        return new PostHogCaptureEvent(
                UUID.nameUUIDFromBytes(("copy-" + index).getBytes(StandardCharsets.UTF_8)),
                name,
                distinctId,
                at,
                new LinkedHashMap<>(properties));
    }

    private Set<String> storedUuids(Workspace workspace) {
        return warehouse.read(workspace.id(), c -> {
            Set<String> uuids = new HashSet<>();
            try (var rs = c.createStatement().executeQuery("SELECT CAST(uuid AS VARCHAR) FROM events")) {
                while (rs.next()) {
                    uuids.add(rs.getString(1));
                }
            }
            return uuids;
        });
    }

    private long eventCount(Workspace workspace) {
        return warehouse.read(workspace.id(), c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private Workspace newWorkspace() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        return workspaces.create("PostHog copy " + UUID.randomUUID(), Optional.empty(), admin);
    }
}
