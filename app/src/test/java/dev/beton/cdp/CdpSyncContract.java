package dev.beton.cdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.beton.contract.ContractValidator;
import dev.beton.crm.AttioClient;
import dev.beton.detection.PostHogQueue;
import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import dev.beton.emulator.posthog.CapturedEvent;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import dev.beton.workspace.credentials.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * CRM → analytics against the Attio and PostHog emulators, every exchange of both checked against
 * their contracts. Each test gets fresh emulators (Attio on a fixed port, as Beton's base URL is
 * set once) and its own workspace. Run on each store by the subclasses.
 */
abstract class CdpSyncContract {

    static final String TOKEN = "attio_cdp_full_0123456789abcdef0123456789abcdef0123456789ab";
    static final String KEY = "phx_cdpSyncTestKey0123456789abcdefghijklmnopqrstuv";
    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000e1"), "Acme", "acme");
    static final PostHogProject PROJECT =
            new PostHogProject(601, ORG.id(), "Product", "phc_cdpSyncProjectToken0123456789abcdefghij");
    static final int ATTIO_PORT = freePort();

    @RegisterExtension
    static final ContractValidator attioContract = ContractValidator.attio();

    final ContractValidator posthogContract = ContractValidator.posthog();

    @DynamicPropertySource
    static void emulators(DynamicPropertyRegistry registry) {
        registry.add("beton.attio.base-url", () -> "http://127.0.0.1:" + ATTIO_PORT);
        registry.add("beton.posthog.outbox.interval", () -> "1h");
        registry.add("beton.routing.public-url", () -> "https://beton.example");
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    AttioClient client;

    @Autowired
    PostHogQueue queue;

    @Autowired
    CdpSync sync;

    @Autowired
    EmbeddedWarehouse warehouse;

    AttioEmulator attio;
    PostHogEmulator posthog;
    Http http;
    Workspace workspace;
    final Secret token = Secret.of(TOKEN);

    @BeforeEach
    void start() {
        attio = attio();
        posthog = PostHogEmulator.builder()
                .organization(ORG)
                .project(PROJECT)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .observer(posthogContract)
                .start();
        http = new Http(port);
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        workspace = workspaces.create("CDP " + UUID.randomUUID(), Optional.empty(), admin);
        new WarehouseFixtures(warehouse, workspace.id()).groupType(0, "company");
        sync.pause(d -> {}); // 429s and retries do not wait in tests
    }

    @AfterEach
    void stop() {
        attio.close();
        posthog.close();
        posthogContract.assertNoViolations();
    }

    @Test
    void companiesPeopleAndDealsReachPostHogAndTheStoreAndASecondSyncSendsOnlyWhatChanged() {
        List<String> companies = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            companies.add(company("Bars Co " + i, "barsco" + i + ".test"));
            person("ada" + i + "@barsco" + i + ".test", "Ada N" + i, companies.get(i - 1));
        }
        deal("Big one", "In Progress", 150_000, companies.get(0));
        deal("Won one", "Won 🎉", 20_000, companies.get(0));
        connectBoth();

        JsonNode first = syncApi("{\"full\": true}");
        assertThat(first.get("complete").asBoolean()).as(first.toString()).isTrue();
        deliver();
        List<CapturedEvent> groups = events("$groupidentify");
        assertThat(groups)
                .extracting(e -> e.properties().get("$group_key"))
                .containsExactlyInAnyOrder("barsco1.test", "barsco2.test", "barsco3.test");
        assertThat(events("$identify"))
                .extracting(CapturedEvent::distinctId)
                .containsExactlyInAnyOrder("ada1@barsco1.test", "ada2@barsco2.test", "ada3@barsco3.test");
        @SuppressWarnings("unchecked")
        Map<String, Object> set = (Map<String, Object>) groups.stream()
                .filter(e -> e.properties().get("$group_key").equals("barsco1.test"))
                .findFirst()
                .orElseThrow()
                .properties()
                .get("$group_set");
        assertThat(set)
                .containsEntry("attio_name", "Bars Co 1")
                .containsEntry("attio_deal_stage", "In Progress")
                .containsEntry("attio_record_id", companies.get(0));
        assertThat(((Number) set.get("attio_open_deal_value")).doubleValue()).isEqualTo(150_000);
        assertThat(((Number) set.get("attio_won_deal_value")).doubleValue()).isEqualTo(20_000);

        JsonNode second = syncApi("{}");
        deliver();
        assertThat(events("$groupidentify")).hasSize(3);
        assertThat(events("$identify")).hasSize(3);
        assertThat(second.get("queuedForPostHog").asInt()).isZero();

        client.update(token, "companies", companies.get(1), Map.of("description", "Now a customer"));
        syncApi("{}");
        deliver();
        assertThat(events("$groupidentify")).hasSize(4);

        // The embedded store has the CRM state with history, and the example question answers.
        new WarehouseFixtures(warehouse, workspace.id())
                .event(
                        "report_created",
                        "ada1@barsco1.test",
                        0,
                        "barsco1.test",
                        Instant.now().minusSeconds(3600));
        JsonNode adoption = http.get(
                        "/api/v1/attio/sync/cdp/examples/feature-adoption?workspace=" + workspace.slug(),
                        Http.adminBasic())
                .json();
        assertThat(adoption.get("companies").asInt()).isEqualTo(1);
        assertThat(adoption.get("features").get(0).get("feature").asString()).isEqualTo("report_created");
        assertThat(count("SELECT count(*) FROM crm_company_history WHERE company_key = 'barsco2.test'"))
                .isEqualTo(2);

        JsonNode status = http.get("/api/v1/attio/sync/status?workspace=" + workspace.slug(), Http.adminBasic())
                .json()
                .get("cdp");
        assertThat(status.get("objects").get(0).get("synced").asInt()).isEqualTo(3);
        assertThat(status.get("objects").get(1).get("synced").asInt()).isEqualTo(3);
        assertThat(status.get("posthog").get("sent").asInt()).isEqualTo(7);
    }

    @Test
    void dealsBecomeAWarehouseTableJoinedByCompanyKeyWhereTheServerTakesTheUpload() {
        posthog.close();
        posthog = PostHogEmulator.builder()
                .organization(ORG)
                .project(PROJECT)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .warehouseApi(true)
                .observer(posthogContract)
                .start();
        String acme = company("Acme, Inc.", "acme.test");
        company("Globex", "globex.test");
        deal("Big one", "In Progress", 150_000, acme);
        connectBoth();

        JsonNode first = syncApi("{}");
        assertThat(first.get("summary").asString()).contains("1 deals uploaded to PostHog's data warehouse");
        assertThat(posthog.warehouseTable(PROJECT.id(), "beton_deals").orElseThrow())
                .hasSize(2)
                .first()
                .isEqualTo(DealsTable.COLUMNS);
        List<String> row = posthog.warehouseTable(PROJECT.id(), "beton_deals")
                .orElseThrow()
                .get(1);
        assertThat(row.get(1)).isEqualTo("acme.test");
        assertThat(row.get(2)).isEqualTo(acme);
        assertThat(row.get(5)).isEqualTo("open");
        assertThat(row.get(6)).isEqualTo("150000");
        JsonNode deals = cdpStatus().get("deals");
        assertThat(deals.get("path").asString()).isEqualTo("warehouse_table");
        assertThat(deals.get("table").asString()).isEqualTo("beton_deals");
        String tableId = deals.get("tableId").asString();

        JsonNode unchanged = syncApi("{}");
        assertThat(unchanged.get("summary").asString()).doesNotContain("data warehouse");
        assertThat(cdpStatus().get("deals").get("tableId").asString()).isEqualTo(tableId);

        deal("Won one", "Won 🎉", 20_000, acme);
        syncApi("{}");
        assertThat(posthog.warehouseTable(PROJECT.id(), "beton_deals").orElseThrow())
                .hasSize(3);
        assertThat(cdpStatus().get("deals").get("tableId").asString()).isNotEqualTo(tableId);
    }

    @Test
    void aServerThatRefusesWarehouseUploadsKeepsDealsAsGroupPropertiesAndTheStatusSaysSo() {
        String acme = company("Acme", "acme.test");
        deal("Big one", "In Progress", 150_000, acme);
        connectBoth();

        JsonNode result = syncApi("{}");
        deliver();

        assertThat(result.get("complete").asBoolean()).isTrue();
        assertThat(result.get("summary").asString()).contains("refuses warehouse table uploads");
        assertThat(posthog.warehouseTable(PROJECT.id(), "beton_deals")).isEmpty();
        Map<String, Object> set = events("$groupidentify").getFirst().properties();
        @SuppressWarnings("unchecked")
        Map<String, Object> groupSet = (Map<String, Object>) set.get("$group_set");
        assertThat(((Number) groupSet.get("attio_open_deal_value")).doubleValue())
                .isEqualTo(150_000);
        JsonNode deals = cdpStatus().get("deals");
        assertThat(deals.get("path").asString()).isEqualTo("group_properties");
        assertThat(deals.get("note").asString()).contains("warehouse-api feature flag is off");
        // the refusal is remembered for this deal set: the next run does not ask again
        assertThat(syncApi("{}").get("summary").asString()).doesNotContain("refuses");
    }

    JsonNode cdpStatus() {
        return http.get("/api/v1/attio/sync/status?workspace=" + workspace.slug(), Http.adminBasic())
                .json()
                .get("cdp");
    }

    @Test
    void oddRecordsEachGetAnOutcomeAndDeletesOnlyMarkTheRecord() {
        company("No Domain Ltd");
        String two = company("Two Domains", "first-two.test", "second-two.test");
        String unicode = company("Bücher & Café 🍰", "bücher.de");
        String huge = company("Huge", "huge.test");
        client.update(token, "companies", huge, Map.of("description", "x".repeat(100_000)));
        company("Second with a shared domain", "xn--bcher-kva.de");
        client.create(
                token,
                "people",
                Map.of("name", List.of(Map.of("first_name", "No", "last_name", "Mail", "full_name", "No Mail"))));
        String gone = person("gone@huge.test", "Gone Soon", huge);
        connectBoth();

        sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);
        deliver();

        assertThat(events("$groupidentify"))
                .extracting(e -> e.properties().get("$group_key"))
                .containsExactlyInAnyOrder("first-two.test", "xn--bcher-kva.de", "huge.test");
        @SuppressWarnings("unchecked")
        Map<String, Object> hugeSet = (Map<String, Object>) events("$groupidentify").stream()
                .filter(e -> e.properties().get("$group_key").equals("huge.test"))
                .findFirst()
                .orElseThrow()
                .properties()
                .get("$group_set");
        assertThat((String) hugeSet.get("attio_description")).hasSize(CrmRecordMapper.MAX_TEXT);
        JsonNode status = http.get("/api/v1/attio/sync/cdp?workspace=" + workspace.slug(), Http.adminBasic())
                .json();
        JsonNode companies = status.get("objects").get(0);
        assertThat(companies.get("synced").asInt()).isEqualTo(3);
        assertThat(companies.get("skipped").asInt()).isEqualTo(2);
        assertThat(companies.get("reasons").get("no domain").asInt()).isEqualTo(1);
        assertThat(companies
                        .get("reasons")
                        .get("domain shared with another company")
                        .asInt())
                .isEqualTo(1);
        assertThat(status.get("objects")
                        .get(1)
                        .get("reasons")
                        .get("no email address")
                        .asInt())
                .isEqualTo(1);
        assertThat(status.get("lastSummary").asString()).contains("no domain: 1");
        assertThat(unicode).isNotEmpty();
        assertThat(two).isNotEmpty();

        deleteInAttio("people", gone);
        sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);
        deliver();
        assertThat(events("$identify"))
                .filteredOn(e -> e.distinctId().equals("gone@huge.test"))
                .anySatisfy(
                        e -> assertThat(e.properties().get("$set").toString()).contains("attio_deleted=true"));
    }

    @Test
    void pagesReadSeveralAtATimeAreHandledOldestFirst() {
        // Four pages of companies: the older of two companies sharing a domain is on the first
        // page, the newer on the last; reads overlap, handling must not.
        attio.createAsMember(
                "companies", Map.of("name", "Older Müller", "domains", List.of("müller.test")), "rep@acme.test");
        for (int i = 0; i < 1_598; i++) {
            attio.createAsMember(
                    "companies",
                    Map.of("name", "Filler " + i, "domains", List.of("filler" + i + ".test")),
                    "rep@acme.test");
        }
        attio.createAsMember(
                "companies", Map.of("name", "Newer Müller", "domains", List.of("xn--mller-kva.test")), "rep@acme.test");
        connectBoth();

        CdpSync.Result result = sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);

        assertThat(result.complete()).as(result.summary()).isTrue();
        CdpSync.ObjectRun companies = result.objects().get(1);
        assertThat(companies.read()).isEqualTo(1_600);
        assertThat(companies.sent()).isEqualTo(1_599);
        assertThat(companies.skippedBy()).containsEntry("domain shared with another company", 1);
        deliver();
        assertThat(events("$groupidentify"))
                .filteredOn(e -> e.properties().get("$group_key").equals("xn--mller-kva.test"))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.properties().get("$group_set").toString()).contains("attio_name=Older Müller"));
    }

    @Test
    void pagesReadAheadPileUpWhileAPageIsSlowButNoMoreRequestsThanAllowedGoOut() {
        attio.close();
        java.util.concurrent.atomic.AtomicInteger companyPages = new java.util.concurrent.atomic.AtomicInteger();
        attio = attioBuilder()
                .answerTime(java.time.Duration.ofMillis(40))
                .observer(exchange -> {
                    if (exchange.path().endsWith("/objects/companies/records/query")) {
                        companyPages.incrementAndGet();
                    }
                })
                .start();
        for (int i = 0; i < 4_600; i++) { // ten pages
            attio.createAsMember(
                    "companies",
                    Map.of("name", "Ahead " + i, "domains", List.of("ahead" + i + ".test")),
                    "rep@acme.test");
        }
        connectBoth();
        attio.resetRequestsAtOnce();
        companyPages.set(0);
        // The fourth page is slow to handle. Twice as many pages may be read ahead after each page
        // taken, up to eight, so by then pages up to the twelfth were asked for: more than the
        // four requests that may be out at once. Nine pages and more are read while the page is
        // handled, not one by one as the sync takes the next (which would stop at eight).
        int[] readByTheSlowPage = {0};
        CdpSync.Result result = sync.run(
                workspace.id(),
                new CdpSync.Options(false, false),
                waitingAfter(2_000, companyPages, 9, readByTheSlowPage));

        assertThat(result.complete()).as(result.summary()).isTrue();
        assertThat(result.objects().get(1).sent()).isEqualTo(4_600);
        assertThat(readByTheSlowPage[0])
                .as("company pages read while the fourth was handled")
                .isGreaterThanOrEqualTo(9);
        assertThat(attio.mostRequestsAtOnce())
                .as("requests to Attio at once (beton.cdp.reads-in-flight is 4)")
                .isBetween(2, 4);
        assertThat(jdbc.sql("SELECT count(*) FROM cdp_records WHERE workspace_id = ? AND object_type = 'companies'"
                                + " AND outcome = 'synced' AND store_hash IS NOT NULL")
                        .param(workspace.id())
                        .query(Long.class)
                        .single())
                .as("every page's outcomes saved, the last pages' too")
                .isEqualTo(4_600);

        // The next run knows there were nine full pages: eight are asked for at once, where a
        // first read asks for one, then two more once it is in (three by the time it is handled).
        companyPages.set(0);
        attio.resetRequestsAtOnce();
        int[] readByTheFirstPage = {0};
        CdpSync.Result again = sync.run(
                workspace.id(),
                new CdpSync.Options(false, false),
                waitingAfter(500, companyPages, 8, readByTheFirstPage));

        assertThat(again.complete()).as(again.summary()).isTrue();
        assertThat(readByTheFirstPage[0])
                .as("company pages read while the first was handled, on a second run")
                .isGreaterThanOrEqualTo(8);
        assertThat(attio.mostRequestsAtOnce()).isBetween(2, 4);
    }

    /**
     * Progress that holds the sync once {@code companies} companies are handled, until {@code pages}
     * has reached {@code wanted} (5 s at most), and keeps in {@code seen} what it had then.
     */
    static CdpSync.Progress waitingAfter(
            int companies, java.util.concurrent.atomic.AtomicInteger pages, int wanted, int[] seen) {
        return (object, done) -> {
            if (object.equals("companies") && done == companies) {
                long until = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
                while (pages.get() < wanted && System.nanoTime() < until) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                seen[0] = pages.get();
            }
        };
    }

    @Test
    void aReadThatStopsKeepsTheOutcomeOfEveryRecordItSent() {
        for (int i = 0; i < 2_600; i++) {
            attio.createAsMember(
                    "companies",
                    Map.of("name", "Paged " + i, "domains", List.of("paged" + i + ".test")),
                    "rep@acme.test");
        }
        connectBoth();
        // The token goes once the first page is handled: pages 2 and 3 were asked for before it
        // was, page 4 onwards after, so the companies' read stops partway (six pages in all).
        CdpSync.Progress revokeAfterFirstPage = (object, done) -> {
            if (object.equals("companies") && done == 500) {
                attio.revoke(TOKEN);
            }
        };

        CdpSync.Result stopped = sync.run(workspace.id(), new CdpSync.Options(false, false), revokeAfterFirstPage);

        assertThat(stopped.complete()).as(stopped.summary()).isFalse();
        CdpSync.ObjectRun companies = stopped.objects().get(1);
        assertThat(companies.sent()).isGreaterThanOrEqualTo(500);
        assertThat(companies.sent()).as("the read stopped partway").isLessThan(2_600);
        assertThat(companies.stoppedBecause()).isPresent();
        assertThat(jdbc.sql("SELECT count(*) FROM cdp_records WHERE workspace_id = ? AND object_type = 'companies'"
                                + " AND outcome = 'synced' AND posthog_hash IS NOT NULL AND store_hash IS NOT NULL")
                        .param(workspace.id())
                        .query(Long.class)
                        .single())
                .as("every company sent has its outcome recorded")
                .isEqualTo(companies.sent());

        deliver();
        assertThat(events("$groupidentify")).hasSize(companies.sent());
    }

    @Test
    void rateLimitStormsServerErrorsAndARevokedTokenLoseNothingAndARerunFinishes() {
        for (int i = 0; i < 3; i++) {
            company("Storm " + i, "storm" + i + ".test");
        }
        connectBoth();
        attio.failNext(6, 429);
        CdpSync.Result stormy = sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);
        assertThat(stormy.complete()).as(stormy.summary()).isTrue();
        attio.failNext(2, 503);
        assertThat(sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE)
                        .complete())
                .isTrue();

        attio.revoke(TOKEN);
        CdpSync.Result revoked = sync.run(workspace.id(), new CdpSync.Options(true, false), CdpSync.Progress.NONE);
        assertThat(revoked.complete()).isFalse();
        assertThat(revoked.summary()).contains("Attio refused the token").contains("What was synced stays");
        deliver();
        assertThat(events("$groupidentify")).hasSize(3);
    }

    @Test
    void posthogDownKeepsTheEventsQueuedAndTheyGoOutWhenItIsBack() {
        company("Queued", "queued.test");
        connectBoth();
        int posthogPort = posthog.baseUrl().getPort();
        posthog.close();
        // PostHog down, its port held: a closed port is free for any other test JVM's emulator to
        // take, and an emulator's capture takes events for any project token.
        try (DeadServer down = new DeadServer(posthogPort)) {
            CdpSync.Result run = sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);
            assertThat(run.queuedForPostHog()).isEqualTo(1);
            queue.deliverNow();
            JsonNode status = http.get("/api/v1/attio/sync/cdp?workspace=" + workspace.slug(), Http.adminBasic())
                    .json();
            assertThat(status.get("posthog").get("pending").asInt())
                    .as("%s; outbox rows: %s", status.get("posthog"), outboxRows())
                    .isEqualTo(1);
            assertThat(status.get("posthog").get("lastError").asString()).contains("did not answer");
        }

        // The port is free once the dead server's socket is released; on a loaded machine the
        // kernel may take a moment longer, so PostHog gets a few seconds to come back on it.
        PostHogEmulator[] back = {null};
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(java.io.UncheckedIOException.class)
                .until(() -> {
                    back[0] = PostHogEmulator.builder()
                            .port(posthogPort)
                            .organization(ORG)
                            .project(PROJECT)
                            .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                            .observer(posthogContract)
                            .start();
                    return true;
                });
        posthog = back[0];
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            jdbcDue();
            queue.deliverNow();
            assertThat(events("$groupidentify")).hasSize(1);
        });
    }

    @Test
    void aPageOfEventsIsOneOutboxRowQueuedOnceAndEveryEventOfItIsDelivered() {
        connectBoth();
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        List<dev.beton.posthog.PostHogCaptureEvent> page = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            page.add(CdpEvents.identify(
                    UUID.randomUUID(), "p" + i + "@acme.io", Map.of("attio_name", "P" + i), "acme.io", at));
        }

        assertThat(queue.enqueueCrm(workspace.id(), page)).isEqualTo(3);
        assertThat(queue.enqueueCrm(workspace.id(), page))
                .as("the same page again")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM posthog_outbox WHERE workspace_id = ?")
                        .param(workspace.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(queue.crmDeliveries(workspace.id()).pending()).isEqualTo(3);

        deliver();

        assertThat(events("$identify"))
                .extracting(CapturedEvent::uuid)
                .containsExactlyInAnyOrderElementsOf(page.stream()
                        .map(dev.beton.posthog.PostHogCaptureEvent::uuid)
                        .toList());
        assertThat(queue.crmDeliveries(workspace.id()).sent()).isEqualTo(3);
    }

    @Test
    void anEventOfAPagePostHogWouldDiscardIsGivenUpAloneAndTheRestOfThePageIsSent() {
        connectBoth();
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        dev.beton.posthog.PostHogCaptureEvent fine =
                CdpEvents.identify(UUID.randomUUID(), "ok@acme.io", Map.of("attio_name", "Ok"), null, at);
        dev.beton.posthog.PostHogCaptureEvent huge = CdpEvents.identify(
                UUID.randomUUID(), "huge@acme.io", Map.of("attio_notes", "x".repeat(1_100_000)), null, at);

        queue.enqueueCrm(workspace.id(), List.of(fine, huge));
        deliver();

        assertThat(events("$identify")).extracting(CapturedEvent::uuid).containsExactly(fine.uuid());
        PostHogQueue.Deliveries deliveries = queue.crmDeliveries(workspace.id());
        assertThat(deliveries.sent()).isEqualTo(1);
        assertThat(deliveries.abandoned()).isEqualTo(1);
        assertThat(deliveries.lastError()).hasValueSatisfying(error -> assertThat(error)
                .startsWith("PostHog would discard this event: the event is"));
    }

    @Autowired
    CdpRecords records;

    @Test
    void aPageSaveTrustsWhatWasKnownButAWrongGuessLosesNoOutcome() {
        connectBoth(); // the PostHog contract checks every test sends PostHog something
        settings.nextRun(workspace.id()); // as a run does first: the workspace's numbers start
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        CdpRecords.Outcome a = outcome("rec-a", "a.io");
        CdpRecords.Outcome b = outcome("rec-b", "b.io");
        CdpRecords.Outcome c = outcome("rec-c", "c.io");
        records.saveAll(workspace.id(), List.of(a), java.util.Set.of(), 1, now);

        // rec-a is said to be new but is there (another instance wrote it): the page is redone.
        records.saveAll(workspace.id(), List.of(a, b), java.util.Set.of(), 2, now);
        // rec-c is said to be known but is not there: it is inserted after all.
        records.saveAll(workspace.id(), List.of(c), java.util.Set.of(CdpRecords.keyOf("companies", "rec-c")), 3, now);

        assertThat(records.of(workspace.id(), "companies", List.of("rec-a", "rec-b", "rec-c")))
                .containsOnlyKeys("rec-a", "rec-b", "rec-c");
        assertThat(jdbc.sql("SELECT seen_run FROM cdp_records WHERE workspace_id = ? AND record_id = 'rec-a'")
                        .param(workspace.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT ordinal FROM cdp_records WHERE workspace_id = ? ORDER BY ordinal")
                        .param(workspace.id())
                        .query(Long.class)
                        .list())
                .as("every record numbered once, the numbers of the redone page not spent twice")
                .doesNotContainNull()
                .doesNotHaveDuplicates()
                .hasSize(3);
    }

    @Test
    void aSyncThatFindsNothingChangedWritesNoRecordBackAndStillFindsTheDeletedOnes() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            ids.add(attio.createAsMember(
                    "companies",
                    Map.of("name", "Daily " + i, "domains", List.of("daily" + i + ".test")),
                    "rep@acme.test"));
        }
        attio.createAsMember("companies", Map.of("name", "No domain"), "rep@acme.test");
        connectBoth();
        CdpSync.Result first = sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);
        assertThat(first.complete()).as(first.summary()).isTrue();
        // As if saved before V240: these records have no number yet and are written once more.
        jdbc.sql("UPDATE cdp_records SET ordinal = NULL WHERE workspace_id = ? AND record_id IN (SELECT record_id"
                        + " FROM cdp_records WHERE workspace_id = ? ORDER BY record_id LIMIT 100)")
                .params(workspace.id(), workspace.id())
                .update();

        CdpSync.Result second = sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);

        assertThat(second.objects().get(1).unchanged()).isEqualTo(1_100);
        assertThat(second.objects().get(1).skipped()).isEqualTo(1);
        assertThat(second.objects().get(1).deleted()).isZero();
        assertThat(runsThatLastWrote())
                .as("the first run wrote every record, the second only the 100 without a number")
                .containsExactly(Map.entry(1L, 1_001L), Map.entry(2L, 100L));

        String goneId = ids.get(700); // on the second page
        deleteInAttio("companies", goneId);
        CdpSync.Result third = sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);

        assertThat(third.objects().get(1).deleted()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT record_id FROM cdp_records WHERE workspace_id = ? AND outcome = 'deleted'")
                        .param(workspace.id())
                        .query(String.class)
                        .list())
                .containsExactly(goneId);
        assertThat(runsThatLastWrote().get(3L)).as("only the deleted record").isEqualTo(1);
    }

    /** Deletes a record in Attio as a user would (through its API), so the emulator tells its webhooks. */
    void deleteInAttio(String object, String recordId) {
        var deleted = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(attio.baseUrl() + "/v2/objects/" + object + "/records/" + recordId))
                .header("Authorization", "Bearer " + TOKEN)
                .DELETE()
                .build());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    }

    /** Records by the sync run that last wrote them. */
    Map<Long, Long> runsThatLastWrote() {
        Map<Long, Long> byRun = new java.util.TreeMap<>();
        jdbc.sql("SELECT seen_run, count(*) AS n FROM cdp_records WHERE workspace_id = ? GROUP BY seen_run")
                .param(workspace.id())
                .query(rs -> {
                    byRun.put(rs.getLong("seen_run"), rs.getLong("n"));
                });
        return byRun;
    }

    static CdpRecords.Outcome outcome(String recordId, String key) {
        return new CdpRecords.Outcome(
                "companies",
                recordId,
                Optional.of(key),
                Optional.of("h-" + key),
                Optional.of("h-" + key),
                Optional.of(UUID.randomUUID().toString()),
                "synced",
                null,
                true);
    }

    @Test
    void aDryRunSendsNothing() {
        company("Dry", "dry.test");
        connectBoth();
        JsonNode dry = syncApi("{\"dry_run\": true}");
        assertThat(dry.get("queuedForPostHog").asInt()).isEqualTo(1);
        deliver();
        assertThat(posthog.events(PROJECT.id())).isEmpty();
        assertThat(syncApi("{}").get("queuedForPostHog").asInt()).isEqualTo(1);
    }

    @Test
    void webhookDeliveriesUpdateTheirRecordInNearRealTime() throws Exception {
        String company = company("Hooked", "hooked.test");
        String person = person("hook@hooked.test", "Hook Person", company);
        connectBoth();
        syncApi("{}");
        deliver();
        assertThat(events("$groupidentify")).hasSize(1);
        Http.Response registered =
                http.postJson("/api/v1/attio/webhooks?workspace=" + workspace.slug(), Http.adminBasic(), "");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        String secret =
                attio.webhookSecrets().get(registered.json().get("target_url").asString());

        deal("Fresh", "In Progress", 250_000, company);
        String dealId = client.page(token, "deals", 10, 0).getFirst().id();
        assertThat(webhook(secret, "record.created", dealId).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            deliver();
            assertThat(events("$groupidentify")).hasSize(2);
        });
        assertThat(events("$groupidentify")
                        .getLast()
                        .properties()
                        .get("$group_set")
                        .toString())
                .contains("attio_open_deal_value=250000");

        deleteInAttio("people", person);
        assertThat(webhook(secret, "record.deleted", person).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            deliver();
            assertThat(events("$identify"))
                    .anySatisfy(e ->
                            assertThat(e.properties().get("$set").toString()).contains("attio_deleted=true"));
        });
    }

    Http.Response webhook(String secret, String type, String recordId) throws Exception {
        String body = "{\"webhook_id\":\"23e42eaf-323a-41da-b5bb-fd67eebda553\",\"events\":[{\"event_type\":\""
                + type + "\",\"id\":{\"workspace_id\":\"x\",\"object_id\":\"y\",\"record_id\":\"" + recordId
                + "\"},\"actor\":{\"type\":\"workspace-member\",\"id\":\"m\"}}]}";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String signature =
                java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(http.baseUrl() + "/attio/webhook/" + workspace.slug()))
                .header("Content-Type", "application/json")
                .header("Attio-Signature", signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    // ---- fixtures ----

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    CdpSettings settings;

    /** A server that takes every connection on a port and closes it unanswered, as a host that is down would. */
    static final class DeadServer implements AutoCloseable {
        private final java.net.ServerSocket socket;
        private final Thread acceptor;

        DeadServer(int port) {
            try {
                socket = new java.net.ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            acceptor = Thread.ofPlatform().daemon().start(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket peer = socket.accept()) {
                        // Reset, not closed: a close from this side would hold the port in TIME_WAIT
                        // and PostHog could not come back on it.
                        peer.setSoLinger(true, 0);
                    } catch (java.io.IOException closed) {
                        // closed with the test, or the peer went first
                    }
                }
            });
        }

        @Override
        public void close() {
            try {
                socket.close();
                // A socket closed while a thread is blocked in accept() is released by that thread
                // on its way out: until it is, the port is still taken and PostHog cannot come back.
                acceptor.join(Duration.ofSeconds(10));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The workspace's outbox rows as the delivery left them, for a failure's message. */
    List<java.util.Map<String, Object>> outboxRows() {
        return jdbc.sql("SELECT id, kind, events, attempts, sent_at, abandoned_at, next_attempt_at, last_error"
                        + " FROM posthog_outbox WHERE workspace_id = ? ORDER BY id")
                .param(workspace.id())
                .query()
                .listOfRows();
    }

    /** Makes the workspace's retried outbox rows due now (the outbox backs off for 30 s). */
    void jdbcDue() {
        jdbc.sql("UPDATE posthog_outbox SET next_attempt_at = ? WHERE workspace_id = ? AND sent_at IS NULL")
                .params(dev.beton.store.Timestamps.of(Instant.now().minusSeconds(1)), workspace.id())
                .update();
    }

    AttioEmulator attio() {
        return attioBuilder().start();
    }

    AttioEmulator.Builder attioBuilder() {
        return AttioEmulator.builder()
                .port(ATTIO_PORT)
                .workspace(new AttioWorkspace(
                        UUID.fromString("0c0c0c0c-1111-4222-8333-444455556666"), "CDP CRM", "cdp-crm"))
                .token(AttioToken.active(
                        TOKEN,
                        "record_permission:read-write",
                        "object_configuration:read-write",
                        "note:read-write",
                        "webhook:read-write"))
                .workspaceMember("rep@acme.test")
                .dealsEnabled(true)
                .observer(attioContract);
    }

    String company(String name, String... domains) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("name", name);
        if (domains.length > 0) {
            values.put("domains", List.of(domains));
        }
        return client.create(token, "companies", values).id();
    }

    String person(String email, String name, String companyId) {
        String[] parts = name.split(" ");
        return client.create(
                        token,
                        "people",
                        Map.of(
                                "email_addresses", List.of(email),
                                "name",
                                        List.of(Map.of(
                                                "first_name", parts[0], "last_name", parts[1], "full_name", name)),
                                "company",
                                        List.of(Map.of("target_object", "companies", "target_record_id", companyId))))
                .id();
    }

    void deal(String name, String stage, double value, String companyId) {
        client.create(
                token,
                "deals",
                Map.of(
                        "name", name,
                        "stage", stage,
                        "owner", "rep@acme.test",
                        "value", value,
                        "associated_company",
                                List.of(Map.of("target_object", "companies", "target_record_id", companyId))));
    }

    void connectBoth() {
        http.connectAttio(workspace.slug(), TOKEN);
        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());
    }

    JsonNode syncApi(String body) {
        Http.Response response =
                http.postJson("/api/v1/attio/sync/cdp?workspace=" + workspace.slug(), Http.adminBasic(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    void deliver() {
        for (int i = 0; i < 10 && queue.deliverNow() > 0; i++) {
            // drain
        }
    }

    List<CapturedEvent> events(String name) {
        return posthog.events(PROJECT.id()).stream()
                .filter(e -> e.event().equals(name))
                .toList();
    }

    long count(String sql) {
        return warehouse.read(workspace.id(), connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
