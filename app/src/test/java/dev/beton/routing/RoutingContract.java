package dev.beton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.crm.AttioClient;
import dev.beton.detection.DetectionProgress;
import dev.beton.detection.Detector;
import dev.beton.detection.Trigger;
import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Hot accounts into Attio deals against the Attio emulator, every exchange checked against
 * Attio's contract: plan and apply, idempotency, ownership, company resolution, crash and resume,
 * 429 storms, server errors, a revoked token, missing scopes, two workers at once. The outbox is
 * driven by hand ({@code beton.routing.background=false}). Each test has its own workspace and
 * its own domains, as the emulated Attio workspace is shared.
 */
abstract class RoutingContract {

    static final String FULL = "attio_routing_full_0123456789abcdef0123456789abcdef0123456789";
    static final String NO_SCHEMA_WRITE = "attio_routing_narrow_0123456789abcdef0123456789abcdef01234";
    // One per store variant: the emulator is shared by the subclasses in one JVM, and a revoked token stays revoked.
    static final List<String> REVOCABLE = List.of(
            "attio_routing_revocable_0123456789abcdef0123456789abcdef012",
            "attio_routing_revocable_1123456789abcdef0123456789abcdef012",
            "attio_routing_revocable_2123456789abcdef0123456789abcdef012");
    static final String SECOND = "attio_routing_second_0123456789abcdef0123456789abcdef0123456";
    static final String REP = "rep@acme-crm.com";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.attio();

    static final AttioEmulator attio = AttioEmulator.builder()
            .workspace(
                    new AttioWorkspace(UUID.fromString("0b0b0b0b-1111-4222-8333-444455556666"), "Acme CRM", "acme-crm"))
            .token(AttioToken.active(
                    FULL,
                    "record_permission:read-write",
                    "object_configuration:read-write",
                    "note:read-write",
                    "webhook:read-write"))
            .token(AttioToken.full(REVOCABLE.get(0)))
            .token(AttioToken.full(REVOCABLE.get(1)))
            .token(AttioToken.full(REVOCABLE.get(2)))
            .token(AttioToken.full(SECOND))
            .token(AttioToken.active(
                    NO_SCHEMA_WRITE, "record_permission:read-write", "object_configuration:read", "note:read-write"))
            .workspaceMember(REP, "Riley", "Rep")
            .dealsEnabled(true)
            .observer(contract)
            .start();

    @DynamicPropertySource
    static void attioAndHandDrivenOutbox(DynamicPropertyRegistry registry) {
        registry.add("beton.attio.base-url", () -> attio.baseUrl().toString());
        registry.add("beton.routing.background", () -> "false");
        registry.add("beton.routing.lease", () -> "1s");
        registry.add("beton.routing.token-refused-wait", () -> "1s");
        registry.add("beton.routing.public-url", () -> "https://beton.example");
        // Outcomes must come back by the emulator's webhooks, not the periodic safety read.
        registry.add("beton.routing.mirror-interval", () -> "6h");
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Detector detector;

    @Autowired
    Routing routing;

    @Autowired
    RoutingOutbox outbox;

    @Autowired
    RoutingPlanner planner;

    @Autowired
    PlanStore plans;

    @Autowired
    AttioClient client;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.beton.store.Installation installation;

    Http http;
    Workspace workspace;
    String admin = Http.adminBasic();
    String tag;
    Instant now;

    @BeforeEach
    void aWorkspace() {
        http = new Http(port);
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        tag = UUID.randomUUID().toString().substring(0, 8);
        workspace = workspaces.create("Routing " + tag, Optional.of("routing-" + tag), adminId);
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        new WarehouseFixtures(warehouse, workspace.id()).groupType(0, "company");
    }

    @AfterEach
    void noCrashHook() {
        outbox.afterCreate((item, deal) -> {});
        attio.routeWebhooks(java.util.function.UnaryOperator.identity());
    }

    // ---- fixtures ----

    /** Pricing visits and a checkout yesterday: pricing intent + billing intent, score 80. */
    String hot(String name) {
        String key = name + "-" + tag + ".io";
        Instant day = now.minus(Duration.ofDays(1));
        new WarehouseFixtures(warehouse, workspace.id())
                .event(
                        "$pageview",
                        "ann@" + key,
                        0,
                        key,
                        day.minus(Duration.ofHours(5)),
                        "{\"$current_url\": \"https://x.io/pricing\"}")
                .event(
                        "$pageview",
                        "ann@" + key,
                        0,
                        key,
                        day.minus(Duration.ofHours(4)),
                        "{\"$current_url\": \"https://x.io/plans\"}")
                .event("checkout_started", "ann@" + key, 0, key, day.minus(Duration.ofHours(3)));
        return key;
    }

    String quiet(String name) {
        String key = name + "-" + tag + ".io";
        new WarehouseFixtures(warehouse, workspace.id())
                .event(
                        "$pageview",
                        "zoe@" + key,
                        0,
                        key,
                        now.minus(Duration.ofHours(30)),
                        "{\"$current_url\": \"https://x.io/docs\"}");
        return key;
    }

    void detect() {
        detector.detect(workspace.id(), now, Trigger.MANUAL, DetectionProgress.NONE);
    }

    void connect(String token) {
        http.connectAttio(workspace.slug(), token);
    }

    void setting(String json) {
        var response =
                http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + at("/api/v1/attio/routing-settings")))
                        .header("Authorization", admin)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    String company(String domain, String name) {
        return client.create(Secret.of(FULL), "companies", Map.of("domains", List.of(domain), "name", name))
                .id();
    }

    JsonNode sync(boolean dryRun) {
        var response = http.postJson(at("/api/v1/attio/sync/signals"), admin, "{\"dry_run\": " + dryRun + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    String at(String path) {
        return path + (path.contains("?") ? "&" : "?") + "workspace=" + workspace.slug();
    }

    /** The deals in the emulated Attio that belong to this test's workspace. */
    List<Map<String, Object>> ourDeals() {
        // The emulated Attio is shared by the store variants, whose workspace ids overlap: the
        // test's tag (in every account key it makes) tells this test's deals apart.
        String infix = ":w" + workspace.id() + ":";
        return attio.records("deals").stream()
                .filter(d -> keyOf(d).startsWith("beton:") && keyOf(d).contains(infix) && keyOf(d).contains(tag))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static String value(Map<String, Object> record, String slug) {
        List<Map<String, Object>> values =
                (List<Map<String, Object>>) ((Map<String, Object>) record.get("values")).get(slug);
        if (values == null || values.isEmpty()) {
            return "";
        }
        Map<String, Object> v = values.getFirst();
        if (v.containsKey("option")) {
            return String.valueOf(((Map<String, Object>) v.get("option")).get("title"));
        }
        if (v.containsKey("status")) {
            return String.valueOf(((Map<String, Object>) v.get("status")).get("title"));
        }
        if (v.containsKey("target_record_id")) {
            return String.valueOf(v.get("target_record_id"));
        }
        Object value = v.get("value");
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? String.valueOf(n.longValue())
                : String.valueOf(value);
    }

    static String keyOf(Map<String, Object> deal) {
        return value(deal, "beton_key");
    }

    @SuppressWarnings("unchecked")
    static String idOf(Map<String, Object> record) {
        return String.valueOf(((Map<String, Object>) record.get("id")).get("record_id"));
    }

    static List<String> actions(JsonNode plan) {
        List<String> actions = new ArrayList<>();
        plan.get("items").values().forEach(i -> actions.add(i.get("action").asString()));
        return actions;
    }

    static JsonNode item(JsonNode plan, String account) {
        for (JsonNode item : plan.get("items").values()) {
            if (item.get("account_key").asString().equals(account)) {
                return item;
            }
        }
        throw new AssertionError("no item for " + account + " in " + plan);
    }

    List<String> states(long planId) {
        return jdbc.sql("SELECT state FROM routing_items WHERE plan_id = ? AND action <> 'skip' ORDER BY id")
                .param(planId)
                .query(String.class)
                .list();
    }

    // ---- tests ----

    @Test
    void aReadItsCallerGaveUpOnIsNoSignOfAttioTrouble() throws Exception {
        // The CRM sync cancels reads past an object's last page: such an interrupted read says
        // nothing about Attio and must not count towards opening the token's breaker.
        Throwable[] failure = new Throwable[1];
        Thread.ofVirtual()
                .start(() -> {
                    Thread.currentThread().interrupt();
                    try {
                        client.page(Secret.of(FULL), "companies", 1, 0);
                    } catch (RuntimeException e) {
                        failure[0] = e;
                    }
                })
                .join();

        assertThat(failure[0]).isInstanceOf(dev.beton.crm.AttioException.Unreachable.class);
        assertThat(AttioCalls.serverTrouble(failure[0])).isFalse();
        assertThat(AttioCalls.serverTrouble(new IllegalStateException("not Attio's")))
                .isFalse();
        // and the same read, not given up on, is answered
        assertThat(client.page(Secret.of(FULL), "companies", 1, 0)).isNotNull();
    }

    @Test
    void aDryRunPlansWithoutWritingThenApplyMakesOneDealPerHotAccountWithItsNoteAndASecondRunChangesNothing() {
        String acme = hot("acme");
        String beta = hot("beta");
        quiet("calm");
        company(acme, "Acme");
        company(beta, "Beta");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();

        JsonNode dry = sync(true);
        assertThat(dry.get("counts").get("create").asInt()).isEqualTo(2);
        assertThat(dry.get("counts").get("skip").asInt()).isZero();
        assertThat(item(dry, acme).get("diff").toString()).contains("pql_score", "80", "lead_source", "pql");
        assertThat(ourDeals()).isEmpty();

        var applied =
                http.postJson(at("/api/v1/attio/plans/" + dry.get("plan_id").asLong() + "/apply"), admin, "");
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        outbox.runDue();

        List<Map<String, Object>> deals = ourDeals();
        assertThat(deals).hasSize(2);
        Map<String, Object> acmeDeal =
                deals.stream().filter(d -> keyOf(d).contains(acme)).findFirst().orElseThrow();
        assertThat(value(acmeDeal, "lead_source")).isEqualTo("pql");
        assertThat(value(acmeDeal, "pql_score")).isEqualTo("80");
        assertThat(value(acmeDeal, "pql_signals")).isEqualTo("billing_intent, pricing_intent");
        assertThat(value(acmeDeal, "stage")).isEqualTo("Lead");
        assertThat(value(acmeDeal, "beton_url"))
                .isEqualTo("https://beton.example/accounts/" + acme + "?workspace=" + workspace.slug());
        assertThat(value(acmeDeal, "beton_health_score")).isNotEmpty();
        assertThat(attio.noteTitles(idOf(acmeDeal))).containsExactly("Beton PQL score 80 as of " + now);
        assertThat(states(dry.get("plan_id").asLong())).containsOnly("done");

        JsonNode again = sync(false);
        assertThat(actions(again)).containsOnly("skip");
        assertThat(item(again, acme).get("reason").asString()).isEqualTo("no change");
        outbox.runDue();
        assertThat(ourDeals()).hasSize(2);
        assertThat(attio.noteTitles(idOf(acmeDeal))).hasSize(1);

        var status = http.get(at("/api/v1/attio/sync/status"), admin).json();
        assertThat(status.get("outbox").get("done").asLong()).isEqualTo(2);
        assertThat(status.get("last_runs")).hasSize(2);
        var audit = http.get(at("/api/v1/attio/audit.csv"), admin);
        assertThat(audit.body()).contains("POST /v2/objects/deals/records", "POST /v2/notes", acme, "admin@test.beton");
    }

    @Test
    void applyingTheSamePlanTwiceOrTwoPlansForOneAccountNeverMakesASecondDeal() {
        String acme = hot("twice");
        company(acme, "Twice");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();

        JsonNode first = sync(true);
        JsonNode second = sync(true); // planned before the first was applied: also a create
        assertThat(actions(second)).containsExactly("create");
        routing.apply(workspace.id(), first.get("plan_id").asLong(), "test");
        routing.apply(workspace.id(), first.get("plan_id").asLong(), "test");
        routing.apply(workspace.id(), second.get("plan_id").asLong(), "test");
        outbox.runDue();

        assertThat(ourDeals()).hasSize(1);
        assertThat(states(first.get("plan_id").asLong())).containsExactly("done");
        assertThat(states(second.get("plan_id").asLong())).containsExactly("done");
        assertThat(attio.noteTitles(idOf(ourDeals().getFirst()))).hasSize(1);
    }

    @Test
    void aValueAPersonChangedInAttioIsNeverOverwritten() {
        String acme = hot("edited");
        company(acme, "Edited");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();
        String dealId = idOf(ourDeals().getFirst());

        attio.editAsMember("deals", dealId, Map.of("pql_score", 99), REP);
        JsonNode plan = sync(false);
        outbox.runDue();

        assertThat(item(plan, acme).get("action").asString()).isEqualTo("skip");
        assertThat(item(plan, acme).get("reason").asString()).startsWith("changed in Attio by a person: pql_score");
        assertThat(value(ourDeals().getFirst(), "pql_score")).isEqualTo("99");
    }

    @Test
    void aClosedDealAndSomeoneElsesOpenDealAreSkipped() {
        String won = hot("won");
        String taken = hot("taken");
        company(won, "Won Inc");
        String takenCompany = company(taken, "Taken Inc");
        client.create(
                Secret.of(FULL),
                "deals",
                Map.of(
                        "name",
                        "Taken renewal",
                        "stage",
                        "In Progress",
                        "owner",
                        REP,
                        "associated_company",
                        List.of(Map.of("target_object", "companies", "target_record_id", takenCompany))));
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();
        assertThat(ourDeals()).hasSize(1);
        attio.editAsMember("deals", idOf(ourDeals().getFirst()), Map.of("stage", "Won 🎉"), REP);

        JsonNode plan = sync(true);

        assertThat(item(plan, won).get("reason").asString())
                .startsWith("closed deal: its stage is Won 🎉; a new deal can be made from ");
        assertThat(item(plan, taken).get("reason").asString())
                .startsWith("deal owned by someone else: the open deal 'Taken renewal'");
    }

    @Test
    void unresolvedCompaniesAreSkippedWithAWarningByDefaultAndCreatedWhenTheWorkspaceSaysSo() {
        String nowhere = hot("nowhere");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();

        JsonNode skipped = sync(false);
        assertThat(item(skipped, nowhere).get("reason").asString())
                .isEqualTo("unresolved company: no Attio company has the domain " + nowhere);
        assertThat(skipped.get("warnings").get(0).asString()).contains("1 hot account has no company in Attio");
        // ... and the account page says so too
        assertThat(dev.beton.testsupport.PageSession.admin(http.baseUrl())
                        .html("/accounts/" + nowhere + "?workspace=" + workspace.slug()))
                .contains("No deal in Attio: the last routing plan skipped this account (unresolved company: no"
                        + " Attio company has the domain " + nowhere + ").");

        setting("{\"unresolved\": \"create\"}");
        JsonNode created = sync(false);
        assertThat(item(created, nowhere).get("action").asString()).isEqualTo("create");
        outbox.runDue();

        List<Map<String, Object>> companies = attio.records("companies").stream()
                .filter(c -> String.valueOf(c.get("values")).contains(nowhere))
                .toList();
        assertThat(companies).hasSize(1);
        assertThat(value(ourDeals().getFirst(), "associated_company")).isEqualTo(idOf(companies.getFirst()));
    }

    @Test
    void aDomainPropertyIsNormalisedAndSeveralCompaniesOnOneDomainGiveTheMostRecentlyUpdated() {
        String key = hot("acct");
        String domain = "shop-" + tag + ".example";
        new WarehouseFixtures(warehouse, workspace.id())
                .group(
                        0,
                        key,
                        "{\"name\": \"Shop\", \"domain\": \"https://www.SHOP-" + tag + ".example:443/about\"}",
                        now);
        String older = company("eu." + domain, "Shop Europe");
        String newer = company("us." + domain, "Shop America");
        sleep(Duration.ofMillis(20));
        attio.editAsMember("companies", newer, Map.of("name", "Shop Americas"), REP);
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();

        JsonNode plan = sync(true);

        JsonNode item = item(plan, key);
        assertThat(item.get("domain").asString()).isEqualTo(domain);
        assertThat(item.get("company_record_id").asString()).isEqualTo(newer).isNotEqualTo(older);
        assertThat(item.get("reason").asString())
                .contains("2 Attio companies have the domain " + domain
                        + "; took the most recently updated, Shop Americas");
    }

    @Test
    void anOverrideWinsOverTheDomain() {
        String key = hot("override");
        company(key, "By domain");
        String chosen = company("chosen-" + tag + ".example", "Chosen");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        var put = http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + at("/api/v1/attio/company-overrides")))
                .header("Authorization", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"overrides\": {\"" + key + "\": \"" + chosen + "\"}}"))
                .build());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        detect();

        assertThat(item(sync(true), key).get("company_record_id").asString()).isEqualTo(chosen);
    }

    @Test
    void aCrashAfterCreatingADealIsResumedWithoutADuplicate() {
        List<String> accounts = List.of(hot("c1"), hot("c2"), hot("c3"));
        accounts.forEach(a -> company(a, a));
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        JsonNode plan = sync(false);
        int[] created = {0};
        outbox.afterCreate((item, deal) -> {
            if (++created[0] == 2) {
                throw new SimulatedCrash(); // like kill -9: nothing after this line runs
            }
        });

        try {
            outbox.runDue();
        } catch (SimulatedCrash expected) {
            // the worker is gone; its item stays 'sent' with a lease
        }
        assertThat(states(plan.get("plan_id").asLong())).containsExactly("done", "sent", "pending");
        assertThat(ourDeals()).hasSize(2);

        outbox.afterCreate((item, deal) -> {});
        sleep(Duration.ofMillis(1200)); // the lease (1 s in this test) runs out: a "restarted" worker takes over
        outbox.runDue();

        assertThat(states(plan.get("plan_id").asLong())).containsOnly("done");
        List<Map<String, Object>> deals = ourDeals();
        assertThat(deals).hasSize(3);
        assertThat(deals.stream().map(RoutingContract::keyOf).collect(Collectors.toSet()))
                .hasSize(3);
        deals.forEach(d -> assertThat(attio.noteTitles(idOf(d))).hasSize(1));
    }

    @Test
    void aStormOf429sIsWaitedOutWithRetryAfterAndServerErrorsAreRetried() {
        List<String> accounts = List.of(hot("s1"), hot("s2"));
        accounts.forEach(a -> company(a, a));
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        JsonNode plan = sync(false);

        attio.failNext(6, 429);
        outbox.runDue();
        assertThat(states(plan.get("plan_id").asLong())).contains("retrying");
        sleep(Duration.ofMillis(1100));
        attio.failNext(1, 503);
        // Each item is due again after Attio's Retry-After (a whole second, rounded up) or the 2 s
        // backoff of a 503; on a loaded machine a fixed number of turns can come a moment early.
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    outbox.runDue();
                    assertThat(states(plan.get("plan_id").asLong())).containsOnly("done");
                });
        assertThat(ourDeals()).hasSize(2);
        Integer attempts = jdbc.sql("SELECT max(attempts) FROM routing_items WHERE plan_id = ?")
                .param(plan.get("plan_id").asLong())
                .query(Integer.class)
                .single();
        assertThat(attempts).as("a 429 does not count as a failed attempt").isLessThanOrEqualTo(3);
    }

    @Test
    void aTokenRevokedMidApplyParksTheRestUntilAttioIsReconnected() {
        List<String> accounts = List.of(hot("r1"), hot("r2"), hot("r3"));
        accounts.forEach(a -> company(a, a));
        String revocable = REVOCABLE.stream()
                .filter(t -> {
                    try {
                        client.self(Secret.of(t));
                        return true;
                    } catch (RuntimeException revoked) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
        connect(revocable);
        setting("{\"auto_apply\": false}");
        detect();
        JsonNode plan = sync(false);
        outbox.afterCreate((item, deal) -> attio.revoke(revocable));

        outbox.runDue();

        // The first deal was created just before the revocation; its note could not be: all three wait.
        assertThat(ourDeals()).hasSize(1);
        assertThat(states(plan.get("plan_id").asLong())).containsOnly("retrying");
        var status = http.get(at("/api/v1/attio/sync/status"), admin).json();
        assertThat(status.get("last_error").asString()).contains("Attio refused the token");
        assertThat(status.get("problem").asString()).contains("failed its last check");
        var health = http.get("/actuator/health/attioDeals", admin).json();
        assertThat(health.get("status").asString()).isEqualTo("DEGRADED");

        outbox.afterCreate((item, deal) -> {});
        connect(SECOND);
        // The parked items are due again a second after the reconnection; on a loaded machine one
        // run a little after that may still find them not due, so run until they are (bounded).
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ofMillis(1100))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    outbox.runDue();
                    assertThat(states(plan.get("plan_id").asLong())).containsOnly("done");
                });
        assertThat(ourDeals()).hasSize(3);
        ourDeals().forEach(d -> assertThat(attio.noteTitles(idOf(d))).hasSize(1));
    }

    @Test
    void withoutTheScopeToCreateAttributesTheItemIsRejectedNamingTheScope() {
        String acme = hot("scope");
        company(acme, "Scope");
        connect(NO_SCHEMA_WRITE);
        setting("{\"auto_apply\": false}");
        detect();
        JsonNode plan = sync(false);

        outbox.runDue();

        // The attributes may exist already (another test created them): then the item goes through.
        List<String> states = states(plan.get("plan_id").asLong());
        if (states.contains("rejected")) {
            String error = jdbc.sql("SELECT last_error FROM routing_items WHERE plan_id = ? AND state = 'rejected'")
                    .param(plan.get("plan_id").asLong())
                    .query(String.class)
                    .single();
            assertThat(error).contains("object_configuration:read-write");
        } else {
            assertThat(states).containsOnly("done");
        }
    }

    @Test
    void twoWorkersAtOnceNeverSendTheSameItemOrMakeADuplicate() throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accounts.add(hot("p" + i));
        }
        accounts.forEach(a -> company(a, a));
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        JsonNode first = sync(false);
        JsonNode second = sync(false); // the same accounts again, planned before either was applied

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(outbox::runDue);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(outbox::runDue);
        a.get();
        b.get();

        assertThat(states(first.get("plan_id").asLong())).containsOnly("done");
        assertThat(states(second.get("plan_id").asLong())).containsOnly("done");
        Set<String> keys = ourDeals().stream().map(RoutingContract::keyOf).collect(Collectors.toSet());
        assertThat(ourDeals()).hasSize(6);
        assertThat(keys).hasSize(6);
    }

    @Test
    void afterDetectionAConnectedWorkspacePlansAndQueuesByItself() {
        String acme = hot("auto");
        company(acme, "Auto");
        connect(FULL);
        detect(); // auto-apply is on by default once Attio is connected

        outbox.runDue();

        assertThat(ourDeals()).hasSize(1);
        var status = http.get(at("/api/v1/attio/sync/status"), admin).json();
        assertThat(status.get("last_runs").get(0).get("trigger").asString()).isEqualTo("detection");
        assertThat(status.get("last_runs").get(0).get("created_by").asString()).isEqualTo("auto-apply");
    }

    @Test
    void anAutoAppliedPlanPutsItsFirstAccountsIntoTheOutboxBeforeTheLastArePlanned() {
        for (String name : List.of("stream-a", "stream-b", "stream-c")) {
            company(hot(name), name);
        }
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        List<String> seen = new ArrayList<>();
        long[] planId = {0};
        Plan plan = planner.planApplying(
                workspace.id(),
                "detection",
                "auto-apply",
                () -> {
                    long id = jdbc.sql("SELECT max(id) FROM routing_plans WHERE workspace_id = ?")
                            .param(workspace.id())
                            .query(Long.class)
                            .single();
                    planId[0] = id;
                    String planStatus = jdbc.sql("SELECT status FROM routing_plans WHERE id = ?")
                            .param(id)
                            .query(String.class)
                            .single();
                    seen.add(planStatus + " " + String.join(",", states(id)));
                    outbox.runDue(); // a deal is made while the plan is still being made
                },
                1);

        assertThat(seen).hasSize(3);
        assertThat(seen.getFirst()).isEqualTo("planning pending");
        assertThat(seen.get(1)).isEqualTo("planning done,pending");
        assertThat(plan.id()).isEqualTo(planId[0]);
        assertThat(plan.status()).isEqualTo("applied");
        assertThat(plan.creates()).isEqualTo(3);
        assertThat(states(plan.id())).containsOnly("done");
        assertThat(ourDeals()).hasSize(3);
    }

    @Test
    void overridesUploadedAsAFileAreUsedByThePlanAndABadFileChangesNothing() {
        String acme = hot("override-file");
        String theirs = company("elsewhere-" + tag + ".io", "Listed under another domain");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        var refused =
                http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + at("/api/v1/attio/company-overrides")))
                        .header("Authorization", admin)
                        .header("Content-Type", "text/csv")
                        .PUT(HttpRequest.BodyPublishers.ofString(acme + "," + theirs + "\nnobody.io,42\n"))
                        .build());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("row 2: '42' is not an Attio company record id");
        assertThat(http.get(at("/api/v1/attio/company-overrides"), admin)
                        .json()
                        .get("overrides")
                        .size())
                .isZero();

        var saved = http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + at("/api/v1/attio/company-overrides")))
                .header("Authorization", admin)
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString("account_key,attio_record_id\n" + acme + "," + theirs + "\n"))
                .build());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        detect();

        var plan = sync(true);
        assertThat(plan.get("items").get(0).get("company_record_id").asString()).isEqualTo(theirs);
    }

    @Test
    void aPlanLeftHalfMadeByAStoppedProcessIsClosedOnceItIsQuiet() {
        company(hot("halfway"), "Halfway");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        Plan plan = planner.planApplying(workspace.id(), "detection", "auto-apply", () -> {}, 1);
        jdbc.sql("UPDATE routing_plans SET status = 'planning', created_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(java.time.Duration.ofHours(1))), plan.id())
                .update();
        jdbc.sql("UPDATE routing_items SET updated_at = ? WHERE plan_id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(java.time.Duration.ofHours(1))), plan.id())
                .update();

        assertThat(plans.closeInterrupted(RoutingTask.INTERRUPTED_AFTER)).isEqualTo(1);

        Plan closed = plans.plan(workspace.id(), plan.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo("applying"); // its item is still in the outbox
        assertThat(closed.warnings()).containsExactly(PlanStore.INTERRUPTED);
        outbox.runDue();
        assertThat(plans.plan(workspace.id(), plan.id()).orElseThrow().status()).isEqualTo("applied");
    }

    @Test
    void wonAndOtherDealsComeBackIntoTheCrmMirrorWithTheirLeadSource() {
        String acme = hot("mirror");
        String acmeCompany = company(acme, "Mirror");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();
        String ours = idOf(ourDeals().getFirst());
        attio.editAsMember("deals", ours, Map.of("stage", "Won 🎉", "value", 12000), REP);
        String theirs = client.create(
                        Secret.of(FULL),
                        "deals",
                        Map.of(
                                "name",
                                "Inbound " + tag,
                                "stage",
                                "Lost",
                                "owner",
                                REP,
                                "associated_company",
                                List.of(Map.of("target_object", "companies", "target_record_id", acmeCompany))))
                .id();

        var mirrored = http.postJson(at("/api/v1/attio/sync/deals"), admin, "");
        assertThat(mirrored.status()).as(mirrored.body()).isEqualTo(200);

        Map<String, String> byDeal = new java.util.HashMap<>();
        warehouse.read(workspace.id(), c -> {
            try (var rows = c.createStatement()
                    .executeQuery(
                            "SELECT deal_id, account_key, lead_source, stage, amount, closed_at FROM crm_deals")) {
                while (rows.next()) {
                    byDeal.put(
                            rows.getString(1),
                            rows.getString(2) + "|" + rows.getString(3) + "|" + rows.getString(4) + "|"
                                    + rows.getBigDecimal(5).intValue() + "|" + (rows.getObject(6) != null));
                }
            }
            return null;
        });
        assertThat(byDeal.get(ours)).isEqualTo(acme + "|pql|won|12000|true");
        assertThat(byDeal.get(theirs)).isEqualTo(acme + "|unknown|lost|0|true");
    }

    @Test
    void aWebhookWithTheRightSignatureMirrorsTheDealAndAWrongOneIsRefused() throws Exception {
        String acme = hot("hook");
        company(acme, "Hook");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();
        String dealId = idOf(ourDeals().getFirst());
        var registered = http.postJson(at("/api/v1/attio/webhooks"), admin, "");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        String target = registered.json().get("target_url").asString();
        assertThat(target).isEqualTo("https://beton.example/attio/webhook/" + workspace.slug());
        String secret = attio.webhookSecrets().get(target);
        attio.editAsMember("deals", dealId, Map.of("stage", "Won 🎉"), REP);
        String body = "{\"webhook_id\":\"23e42eaf-323a-41da-b5bb-fd67eebda553\",\"events\":[{\"event_type\":"
                + "\"record.updated\",\"id\":{\"workspace_id\":\"x\",\"object_id\":\"y\",\"record_id\":\""
                + dealId + "\",\"attribute_id\":\"z\"},\"actor\":{\"type\":\"workspace-member\",\"id\":\"m\"}}]}";

        var forged = webhook(body, hmac("not the secret", body));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(mirroredStage(dealId)).isEmpty();

        var delivered = webhook(body, hmac(secret, body));
        assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
        assertThat(delivered.json().get("mirrored").asInt()).isEqualTo(1);
        assertThat(mirroredStage(dealId)).hasValue("won");
    }

    Http.Response webhook(String body, String signature) {
        return http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/attio/webhook/" + workspace.slug()))
                .header("Content-Type", "application/json")
                .header("Attio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static String hmac(String secret, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    Optional<String> mirroredStage(String dealId) {
        return warehouse.read(workspace.id(), c -> {
            try (var statement = c.prepareStatement("SELECT stage FROM crm_deals WHERE deal_id = ?")) {
                statement.setString(1, dealId);
                try (var rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Test
    void aDisqualifiedAccountIsNotRoutedDuringItsCooldownAndItsDealGetsANote() {
        String acme = hot("dq");
        company(acme, "Disqualified");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();

        var marked = http.postJson(
                at("/api/v1/attio/follow-ups/" + acme),
                admin,
                "{\"outcome\": \"disqualified\", \"reason\": \"not a buyer\", \"note\": \"student\"}");
        assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        JsonNode plan = sync(true);

        assertThat(item(plan, acme).get("reason").asString())
                .startsWith("marked disqualified by admin@test.beton (not a buyer); not routed again before");
        assertThat(attio.noteTitles(idOf(ourDeals().getFirst()))).hasSize(2);
        var refused = http.postJson(
                at("/api/v1/attio/follow-ups/" + acme), admin, "{\"outcome\": \"maybe\", \"reason\": \"other\"}");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void aWonDealEndsItsEpisodeAndAfterTheCooldownTheStillHotAccountGetsANewDeal() {
        String acme = hot("episode");
        company(acme, "Episode");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();
        Map<String, Object> first = ourDeals().getFirst();
        assertThat(installation.id()).matches("[0-9a-f]{12}");
        assertThat(keyOf(first)).isEqualTo("beton:" + installation.id() + ":w" + workspace.id() + ":" + acme + ":1");
        attio.editAsMember("deals", idOf(first), Map.of("stage", "Won 🎉"), REP);

        JsonNode during = sync(false);
        assertThat(item(during, acme).get("reason").asString())
                .startsWith("closed deal: its stage is Won 🎉; a new deal can be made from ");
        Instant closedAt = jdbc.sql("SELECT closed_at FROM routing_deals WHERE workspace_id = ? AND account_key = ?")
                .params(workspace.id(), acme)
                .query((rs, row) -> dev.beton.store.Timestamps.instant(rs, "closed_at"))
                .single();
        assertThat(closedAt).isAfter(now.minus(Duration.ofDays(1)));

        // The cooldown (30 days) has passed since the deal was won.
        jdbc.sql("UPDATE routing_deals SET closed_at = ? WHERE workspace_id = ? AND account_key = ?")
                .params(dev.beton.store.Timestamps.of(now.minus(Duration.ofDays(31))), workspace.id(), acme)
                .update();
        JsonNode after = sync(false);
        outbox.runDue();

        assertThat(item(after, acme).get("action").asString()).isEqualTo("create");
        assertThat(item(after, acme).get("reason").asString())
                .startsWith("routing episode 2, as the previous deal closed as Won 🎉 on ");
        assertThat(ourDeals()).hasSize(2);
        assertThat(ourDeals().stream().map(RoutingContract::keyOf))
                .contains("beton:" + installation.id() + ":w" + workspace.id() + ":" + acme + ":2");
        JsonNode again = sync(false);
        assertThat(item(again, acme).get("reason").asString()).isEqualTo("no change");
        outbox.runDue();
        assertThat(ourDeals()).hasSize(2);
    }

    @Test
    void aMarkAfterTheDealEndsItsEpisodeOnceItsCooldownIsOver() {
        String acme = hot("remark");
        company(acme, "Remark");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();
        var marked = http.postJson(
                at("/api/v1/attio/follow-ups/" + acme), admin, "{\"outcome\": \"done\", \"reason\": \"contacted\"}");
        assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        assertThat(item(sync(true), acme).get("reason").asString()).startsWith("marked done by ");

        jdbc.sql("UPDATE routing_follow_ups SET cooldown_until = ? WHERE workspace_id = ? AND account_key = ?")
                .params(dev.beton.store.Timestamps.of(now.minus(Duration.ofMinutes(1))), workspace.id(), acme)
                .update();
        JsonNode after = sync(false);
        outbox.runDue();

        assertThat(item(after, acme).get("reason").asString())
                .startsWith("routing episode 2, as the account was marked done on ");
        assertThat(ourDeals()).hasSize(2);
    }

    @Test
    void dealsWithTheKeyFormBeforeInstallIdsKeepMatching() {
        String kept = hot("legacy");
        String lost = hot("crashed");
        company(kept, "Legacy");
        company(lost, "Crashed");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();
        assertThat(ourDeals()).hasSize(2);
        // What an older Beton left: its deals carry beton:w<workspace>:<account>:1, and for one of
        // them it crashed after Attio created the deal, before recording it.
        for (String account : List.of(kept, lost)) {
            String legacy = "beton:w" + workspace.id() + ":" + account + ":1";
            Map<String, Object> deal = ourDeals().stream()
                    .filter(d -> keyOf(d).contains(account))
                    .findFirst()
                    .orElseThrow();
            attio.editAsMember("deals", idOf(deal), Map.of("beton_key", legacy), REP);
            jdbc.sql("UPDATE routing_deals SET beton_key = ? WHERE workspace_id = ? AND account_key = ?")
                    .params(legacy, workspace.id(), account)
                    .update();
        }
        jdbc.sql("DELETE FROM routing_deals WHERE workspace_id = ? AND account_key = ?")
                .params(workspace.id(), lost)
                .update();

        JsonNode plan = sync(false);
        outbox.runDue();

        assertThat(item(plan, kept).get("reason").asString()).isEqualTo("no change");
        assertThat(item(plan, kept).get("beton_key").asString())
                .isEqualTo("beton:w" + workspace.id() + ":" + kept + ":1");
        assertThat(item(plan, lost).get("action").asString()).isEqualTo("create");
        assertThat(ourDeals()).hasSize(2);
        JsonNode applied = http.get(
                        at("/api/v1/attio/plans/" + plan.get("plan_id").asLong()), admin)
                .json();
        assertThat(item(applied, lost).get("outcome").asString()).contains("was already in Attio");
    }

    @Test
    void theEmulatorDeliversASignedWebhookWhenADealIsWonAndBetonMirrorsItWithoutTheSafetyRead() {
        String acme = hot("pushed");
        company(acme, "Pushed");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();
        String dealId = idOf(ourDeals().getFirst());
        // Attio only calls https targets: the emulator sends this test's target to the local server.
        String target = "https://beton.example/attio/webhook/" + workspace.slug();
        attio.routeWebhooks(uri -> uri.toString().equals(target) ? URI.create(http.baseUrl() + uri.getRawPath()) : uri);
        var registered = http.postJson(at("/api/v1/attio/webhooks"), admin, "");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(mirroredStage(dealId)).isEmpty();

        attio.editAsMember("deals", dealId, Map.of("stage", "Won 🎉"), REP);

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(mirroredStage(dealId)).hasValue("won"));
        assertThat(attio.webhookDeliveries()).anySatisfy(d -> {
            assertThat(d.targetUrl()).isEqualTo(target);
            assertThat(d.body()).contains("\"record.updated\"", dealId);
            assertThat(d.status()).isEqualTo(200);
        });
    }

    @Test
    void theDealOwnerIsShownByNameOnTheAccountPageTheHotQueueAndTheRoutingPage() {
        String acme = hot("owned");
        company(acme, "Owned");
        // A token that may read workspace members (user_management:read): owners by name.
        connect(SECOND);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();
        assertThat(ourDeals()).hasSize(1);

        var pages = dev.beton.testsupport.PageSession.admin(http.baseUrl());
        assertThat(pages.html("/accounts/" + acme + "?workspace=" + workspace.slug()))
                .contains("owner Riley Rep");
        assertThat(pages.html("/signals?workspace=" + workspace.slug())).contains("owner Riley Rep");
        assertThat(pages.html("/routing?workspace=" + workspace.slug())).contains("Riley Rep");
        contract.assertNoViolations();
    }

    @Test
    void withoutTheScopeToReadMembersTheOwnerStaysItsMemberId() {
        String acme = hot("unnamed");
        company(acme, "Unnamed");
        connect(FULL);
        setting("{\"auto_apply\": false}");
        detect();
        sync(false);
        outbox.runDue();

        String page = dev.beton.testsupport.PageSession.admin(http.baseUrl())
                .html("/accounts/" + acme + "?workspace=" + workspace.slug());
        assertThat(page).doesNotContain("Riley Rep").containsPattern("owner [0-9a-f-]{36}");
    }

    @Test
    void withoutAttioThePlanIsAProblemSayingSo() {
        hot("lonely");
        detect();

        var response = http.postJson(at("/api/v1/attio/sync/signals"), admin, "{\"dry_run\": true}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asString()).contains("Attio is not connected");
        contract.allowNoExchanges();
    }

    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
