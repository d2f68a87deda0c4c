package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.posthog.CapturedEvent;
import dev.beton.emulator.posthog.CapturedGroup;
import dev.beton.emulator.posthog.DemoWorld;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.jobs.JobStatus;
import dev.beton.posthog.PostHogCaptureEvent;
import dev.beton.posthog.PostHogCaptures;
import dev.beton.posthog.PostHogClients;
import dev.beton.posthog.PostHogQueryRunner;
import dev.beton.query.QueryRunner;
import dev.beton.signals.DetectedSignal;
import dev.beton.signals.SignalType;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.PageSession;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * PostHog as a workspace's event source and as the destination of its signals and scores,
 * against the PostHog emulator (every exchange contract-validated), on each store through the
 * subclasses.
 */
abstract class PostHogSourceContract {

    static final String KEY = "phx_posthogSourceTestKey0123456789abcdefghijklmnop";
    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000d1"), "Acme", "acme");
    static final PostHogProject PROJECT =
            new PostHogProject(501, ORG.id(), "Product", "phc_posthogSourceProjectToken0123456789abcdef");
    static final Instant AS_OF = Instant.parse("2026-03-02T06:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Detector detector;

    @Autowired
    PostHogDelivery delivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PostHogCaptures captures;

    @Autowired
    PostHogClients clients;

    final ContractValidator contract = ContractValidator.posthog();
    PostHogEmulator posthog;
    Http http;

    @BeforeEach
    void start() {
        posthog = emulator(0);
        http = new Http(port);
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void theDemoWorldGivesTheSameSignalsAndScoresOnTheEmbeddedStoreAndOnPostHog() {
        DemoWorld world = DemoWorld.generate();
        List<PostHogCaptureEvent> events = captured(world);
        Workspace embedded = newWorkspace();
        Workspace onPostHog = newWorkspace();
        // The same events, through the same capture client, into Beton's own capture and PostHog's.
        assertThat(captures.forApiHost(URI.create(http.baseUrl()))
                        .send(embedded.projectToken(), events)
                        .accepted())
                .isEqualTo(events.size());
        assertThat(captures.forApiHost(posthog.baseUrl())
                        .send(PROJECT.apiToken(), events)
                        .accepted())
                .isEqualTo(events.size());
        http.connectPostHog(onPostHog.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        assertThat(http.eventSource(onPostHog.slug(), "posthog").status()).isEqualTo(200);

        Set<SignalType> fired = new java.util.HashSet<>();
        long remoteRunOfSecond = 0;
        for (Instant asOf : List.of(DemoWorld.FIRST, DemoWorld.SECOND)) {
            DetectionResult local = detector.detect(embedded.id(), asOf, Trigger.MANUAL, DetectionProgress.NONE);
            DetectionResult remote = detector.detect(onPostHog.id(), asOf, Trigger.MANUAL, DetectionProgress.NONE);

            assertThat(local.run().status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(remote.run().status())
                    .as(remote.run().errors().toString())
                    .isEqualTo(JobStatus.SUCCEEDED);
            assertThat(remote.run().eventSource()).isEqualTo("posthog");
            assertThat(local.run().eventSource()).isEqualTo("embedded");
            assertThat(remote.run().accountsScanned())
                    .isEqualTo(local.run().accountsScanned())
                    .isEqualTo(DemoWorld.COMPANIES.size());
            assertThat(remote.signals().outcomes())
                    .isNotEmpty()
                    .isEqualTo(local.signals().outcomes());
            assertThat(remote.signals().receipts())
                    .isNotEmpty()
                    .isEqualTo(local.signals().receipts());
            assertThat(remote.run().signalsFired()).isEqualTo(local.run().signalsFired());
            assertThat(remote.run().signalsSuppressed()).isEqualTo(local.run().signalsSuppressed());
            remote.signals().fired().stream().map(DetectedSignal::type).forEach(fired::add);
            remoteRunOfSecond = remote.run().id();

            // The run shows the HogQL it sent to PostHog; the embedded run its DuckDB SQL.
            JsonNode queries = http.get(
                            "/api/v1/signals/runs/" + remote.run().id() + "/queries?workspace=" + onPostHog.slug(),
                            Http.adminBasic())
                    .json();
            // accounts seen, one query per signal, then the company-key check (PostHog runs only)
            assertThat(queries.size()).isEqualTo(SignalType.builtIns().size() + 2);
            assertThat(queries.get(0).get("label").asString()).isEqualTo(Detector.ACCOUNTS_SEEN);
            assertThat(queries.get(1).get("label").asString()).startsWith("signal.");
            assertThat(queries.get(queries.size() - 1).get("label").asString())
                    .isEqualTo(GroupKeyCoverage.DEFINITION + "@1");
            queries.values().forEach(q -> {
                assertThat(q.get("dialect").asString()).isEqualTo("HOGQL");
                assertThat(q.get("sql").asString()).contains("$group_2").doesNotContain("?");
            });
            assertThat(http.get(
                                    "/api/v1/signals/runs/" + local.run().id() + "/queries?workspace="
                                            + embedded.slug(),
                                    Http.adminBasic())
                            .json()
                            .get(1)
                            .get("dialect")
                            .asString())
                    .isEqualTo("DUCKDB");
        }
        assertThat(fired)
                .as("every signal type fires at least once")
                .containsExactlyInAnyOrderElementsOf(SignalType.builtIns());
        String page = PageSession.admin(http.baseUrl())
                .html("/signals/runs/" + remoteRunOfSecond + "/queries?workspace=" + onPostHog.slug());
        assertThat(page).contains("HogQL queries Beton sent").contains("signal.pricing_intent@1");
        contract.assertNoViolations();
    }

    @Test
    void signalsAndScoresWaitWhilePostHogIsDownAndAreSentOnceWhenItIsBack() {
        Workspace workspace = newWorkspace();
        buyingAccount(workspace, "acme.io");
        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        int emulatorPort = posthog.baseUrl().getPort();
        posthog.close();

        DetectionRun run = detector.detect(workspace.id(), AS_OF, Trigger.MANUAL, DetectionProgress.NONE)
                .run();
        Instant later = Instant.now().plus(Duration.ofHours(1));
        assertThat(delivery.deliverDue(later)).isZero();

        // Detection does not care that PostHog is down; the run shows what waits for it.
        assertThat(run.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(run.signalsFired()).isEqualTo(2);
        JsonNode shown = runJson(workspace, run.id());
        assertThat(shown.get("posthogSends").get("pending").asInt()).isEqualTo(3); // 2 signals + 1 score
        assertThat(shown.get("posthogSends").get("sent").asInt()).isZero();
        assertThat(shown.get("summary").asString()).contains("3 sends to PostHog pending");
        assertThat(PageSession.admin(http.baseUrl()).html("/signals/runs?workspace=" + workspace.slug()))
                .contains("3 pending, 0 sent");

        posthog = emulator(emulatorPort);
        delivery.deliverDue(later.plus(Duration.ofHours(2)));
        delivery.deliverDue(later.plus(Duration.ofHours(3)));
        // A rerun as of the same instant queues nothing new: the uuids are already in the outbox.
        detector.detect(workspace.id(), AS_OF, Trigger.MANUAL, DetectionProgress.NONE);
        delivery.deliverDue(later.plus(Duration.ofHours(4)));

        List<CapturedEvent> received = posthog.events(PROJECT.id());
        assertThat(received).extracting(CapturedEvent::uuid).doesNotHaveDuplicates();
        assertThat(received)
                .filteredOn(e -> e.event().equals("beton_signal_fired"))
                .hasSize(2)
                .allSatisfy(e -> {
                    assertThat(e.properties())
                            .containsEntry("$process_person_profile", false)
                            .containsEntry("account", "acme.io")
                            .containsKey("$groups");
                    assertThat(e.timestamp()).isEqualTo(AS_OF);
                });
        assertThat(received)
                .extracting(CapturedEvent::uuid)
                .contains(uuidOfSignalFired(workspace, run, "pricing_intent"));
        assertThat(received).filteredOn(e -> e.event().equals("$groupidentify")).hasSize(1);
        assertThat(posthog.groups(PROJECT.id())).singleElement().satisfies((CapturedGroup g) -> {
            assertThat(g.key()).isEqualTo("acme.io");
            assertThat(g.properties())
                    .containsEntry("beton_pql_score", 80)
                    .containsEntry("beton_signal_types", List.of("billing_intent", "pricing_intent"))
                    .containsEntry("beton_scored_at", AS_OF.toString());
        });
        assertThat(posthog.persons(PROJECT.id())).isEmpty();
        JsonNode after = runJson(workspace, run.id());
        assertThat(after.get("posthogSends").get("pending").asInt()).isZero();
        assertThat(after.get("posthogSends").get("sent").asInt()).isEqualTo(3);
        contract.assertNoViolations();
    }

    @Test
    void aQueuedEventThatNoLongerReadsBackIsGivenUpWithoutHoldingBackTheOthers() {
        Workspace workspace = newWorkspace();
        buyingAccount(workspace, "acme.io");
        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        // A row written by another version (or edited by hand) ahead of the run's rows.
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO posthog_outbox (workspace_id, event_uuid, kind, payload, next_attempt_at, created_at)"
                        + " VALUES (?, ?, 'signal', '{\"event\": \"\", \"distinct_id\": \"x\"}', ?, ?)")
                .params(workspace.id(), UUID.randomUUID().toString(), now, now)
                .update();
        DetectionRun run = detector.detect(workspace.id(), AS_OF, Trigger.MANUAL, DetectionProgress.NONE)
                .run();

        delivery.deliverDue(Instant.now().plus(Duration.ofMinutes(1)));

        assertThat(posthog.events(PROJECT.id())).hasSize(3); // 2 signals + 1 score of the run
        assertThat(runJson(workspace, run.id()).get("posthogSends").get("sent").asInt())
                .isEqualTo(3);
        assertThat(jdbc.sql("SELECT last_error FROM posthog_outbox WHERE workspace_id = ? AND run_id IS NULL"
                                + " AND abandoned_at IS NOT NULL")
                        .param(workspace.id())
                        .query(String.class)
                        .single())
                .startsWith("The queued event cannot be read back");
        contract.assertNoViolations();
    }

    @Autowired
    PostHogOutbox outbox;

    @Test
    void rowsOneDeliveryHasClaimedAreNotClaimedByAnotherUntilTheClaimRunsOut() {
        Workspace workspace = newWorkspace();
        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        // Due ten years from now: out of reach of every other delivery of this test context.
        // Whole seconds: the store rounds sub-microsecond instants, which could put the row just past "later".
        Instant later = Instant.now().plus(Duration.ofDays(3650)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        PostHogCaptureEvent event = new PostHogCaptureEvent(
                UUID.randomUUID(), "beton_claim_check", "claim@acme.io", later, java.util.Map.of("n", 1));
        outbox.enqueue(workspace.id(), null, "signal", List.of(event), later);
        // The row itself, not read(): the queue of a shared test context can hold more events
        // ahead of it than any one read takes.
        long id = jdbc.sql("SELECT id FROM posthog_outbox WHERE workspace_id = ?")
                .param(workspace.id())
                .query(Long.class)
                .single();
        List<OutboxEntry> read = List.of(new OutboxEntry(id, workspace.id(), "signal", List.of(event), 0));

        // Two deliveries read the row at the same moment: only the first claims it ...
        assertThat(outbox.claimed(read, later)).hasSize(1);
        assertThat(outbox.claimed(read, later)).isEmpty();
        // ... and if it never sends it, the row is another's once the claim has run out.
        assertThat(outbox.claimed(read, later.plus(PostHogOutbox.CLAIM))).hasSize(1);
    }

    @Test
    void sendsThatNeverGetThroughAreGivenUpAfterTheLastAttemptAndShownSo() {
        Workspace workspace = newWorkspace();
        buyingAccount(workspace, "acme.io");
        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        posthog.close();
        DetectionRun run = detector.detect(workspace.id(), AS_OF, Trigger.MANUAL, DetectionProgress.NONE)
                .run();

        // Each look is a day later, past any backoff: every look is one more attempt.
        Instant look = Instant.now();
        for (int attempt = 1; attempt <= 12; attempt++) {
            look = look.plus(Duration.ofDays(1));
            delivery.deliverDue(look);
            JsonNode sends = runJson(workspace, run.id()).get("posthogSends");
            if (attempt < 12) {
                assertThat(sends.get("pending").asInt())
                        .as("attempt " + attempt)
                        .isEqualTo(3);
            }
        }

        JsonNode sends = runJson(workspace, run.id()).get("posthogSends");
        assertThat(sends.get("pending").asInt()).isZero();
        assertThat(sends.get("abandoned").asInt()).isEqualTo(3);
        posthog = emulator(0);
    }

    @Test
    void aKeyRevokedMidRunMakesThePostHogRunPartialWithAReadableError() {
        Workspace workspace = onPostHogWithOneBuyingAccount();
        AtomicInteger sent = new AtomicInteger();
        QueryRunner revoked = PostHogQueryRunner.of(
                clients.forHost(posthog.baseUrl()),
                Secret.of("phx_revokedMidRunKey0123456789abcdefghijklmnopqrs"),
                PROJECT.id());
        // After the account count and three signal queries, PostHog stops accepting the key.
        UnaryOperator<QueryRunner> revokedAfterFour =
                runner -> query -> sent.incrementAndGet() <= 4 ? runner.run(query) : revoked.run(query);

        DetectionRun run = detector.detect(
                        workspace.id(), AS_OF, Trigger.MANUAL, DetectionProgress.NONE, revokedAfterFour)
                .run();

        assertThat(run.status()).isEqualTo(JobStatus.PARTIAL);
        assertThat(run.errors()).hasSize(SignalType.builtIns().size() - 3).allSatisfy(e -> assertThat(e)
                .doesNotContain("phx_revoked"));
        assertThat(run.errors().getFirst()).isNotBlank();
        assertThat(run.signalsFired()).isEqualTo(1); // pricing_intent ran before the key was revoked
        contract.assertNoViolations();
    }

    @Test
    void aPostHogProjectWithoutACompanyGroupTypeFailsTheRunSayingWhatToSend() {
        Workspace workspace = newWorkspace();
        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        assertThat(http.eventSource(workspace.slug(), "posthog").status()).isEqualTo(200);

        DetectionRun run = detector.detect(workspace.id(), AS_OF, Trigger.MANUAL, DetectionProgress.NONE)
                .run();

        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.errors()).singleElement().asString().contains("no group type \"company\"");
    }

    @Test
    void theEventSourceIsEmbeddedByDefaultAndPostHogNeedsAWorkingConnection() {
        Workspace workspace = newWorkspace();
        String path = "/api/v1/settings/event-source?workspace=" + workspace.slug();

        JsonNode initial = http.get(path, Http.adminBasic()).json();
        assertThat(initial.get("source").asString()).isEqualTo("embedded");
        assertThat(initial.get("posthogUsable").asBoolean()).isFalse();

        Http.Response refused = http.eventSource(workspace.slug(), "posthog");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("PostHog is not connected");

        Http.Response notConnected = http.eventSource(workspace.slug(), "clickhouse");
        assertThat(notConnected.status()).isEqualTo(409);
        assertThat(notConnected.json().get("detail").asString()).contains("no ClickHouse server is connected");

        Http.Response bad = http.eventSource(workspace.slug(), "bigquery");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString())
                .contains("embedded, posthog, clickhouse")
                .contains("bigquery");

        PageSession page = PageSession.admin(http.baseUrl());
        String connections = "/settings/connections?workspace=" + workspace.slug();
        assertThat(page.submit(
                        connections,
                        "/settings/connections/event-source?workspace=" + workspace.slug(),
                        "source=posthog"))
                .contains("PostHog cannot be the event source")
                .contains("PostHog is not connected");

        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        Http.Response chosen = http.eventSource(workspace.slug(), "posthog");
        assertThat(chosen.status()).isEqualTo(200);
        assertThat(chosen.json().get("source").asString()).isEqualTo("posthog");
        assertThat(page.html(connections)).contains("PostHog (HogQL queries)");
        assertThat(http.eventSource(workspace.slug(), "EMBEDDED")
                        .json()
                        .get("source")
                        .asString())
                .isEqualTo("embedded");
    }

    private Workspace onPostHogWithOneBuyingAccount() {
        Workspace workspace = newWorkspace();
        List<PostHogCaptureEvent> events = List.of(
                event("$pageview", "ann", AS_OF.minus(Duration.ofDays(1)), "https://x.io/pricing"),
                event("$pageview", "ann", AS_OF.minus(Duration.ofDays(2)), "https://x.io/pricing/enterprise"),
                event("checkout_started", "ann", AS_OF.minus(Duration.ofHours(3)), null));
        captures.forApiHost(posthog.baseUrl()).send(PROJECT.apiToken(), events);
        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        assertThat(http.eventSource(workspace.slug(), "posthog").status()).isEqualTo(200);
        return workspace;
    }

    private static PostHogCaptureEvent event(String name, String user, Instant at, String url) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("$groups", Map.of("company", "acme.io"));
        if (url != null) {
            properties.put("$current_url", url);
        }
        return new PostHogCaptureEvent(
                UUID.nameUUIDFromBytes((name + at + user).getBytes(StandardCharsets.UTF_8)),
                name,
                user,
                at,
                properties);
    }

    private UUID uuidOfSignalFired(Workspace workspace, DetectionRun run, String type) {
        DetectedSignal signal =
                detector.dryRun(workspace.id(), run.asOf(), DetectionProgress.NONE).signals().outcomes().stream()
                        .map(o -> o.signal())
                        .filter(s -> s.type().key().equals(type))
                        .findFirst()
                        .orElseThrow();
        return SignalFiredEvents.uuidOf(workspace.id(), signal);
    }

    private JsonNode runJson(Workspace workspace, long runId) {
        return http.get("/api/v1/signals/runs/" + runId + "?workspace=" + workspace.slug(), Http.adminBasic())
                .json();
    }

    private PostHogEmulator emulator(int port) {
        return PostHogEmulator.builder()
                .port(port)
                .organization(ORG)
                .project(PROJECT)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .observer(contract)
                .start();
    }

    /** The demo world's events as a PostHog SDK sends them: {@code $groups} in type-index order. */
    private static List<PostHogCaptureEvent> captured(DemoWorld world) {
        List<PostHogCaptureEvent> events = new ArrayList<>();
        for (DemoWorld.Event event : world.events()) {
            int index = events.size();
            Map<String, Object> properties = new LinkedHashMap<>(event.properties());
            if (event.company() != null) {
                Map<String, Object> groups = new LinkedHashMap<>();
                groups.put(DemoWorld.GROUP_TYPES.get(0), "ws-" + event.company());
                groups.put(DemoWorld.GROUP_TYPES.get(1), "team-" + event.company());
                groups.put(DemoWorld.GROUP_TYPES.get(2), event.company());
                properties.put("$groups", groups);
            }
            events.add(new PostHogCaptureEvent(
                    // By position: the world has events alike in name, time and user, which a uuid must not merge.
                    UUID.nameUUIDFromBytes(("demo-" + index).getBytes(StandardCharsets.UTF_8)),
                    event.name(),
                    event.distinctId(),
                    event.timestamp(),
                    properties));
        }
        return events;
    }

    /** The same buying account as {@link DetectionContract}'s, as of the same instant. */
    void buyingAccount(Workspace workspace, String account) {
        DetectionContract.buyingAccount(warehouse, workspace, account);
    }

    Workspace newWorkspace() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        return workspaces.create("PostHog source " + UUID.randomUUID(), Optional.empty(), admin);
    }
}
