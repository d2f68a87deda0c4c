package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.jobs.JobStatus;
import dev.beton.query.QueryRunner;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Detection runs end to end through the API, on each store through the subclasses. */
abstract class DetectionContract {

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

    @Test
    void aManualRunStoresSignalsScoresAndReceiptsShownByTheApi() {
        Workspace workspace = newWorkspace();
        buyingAccount(workspace, "acme.io");
        Http http = new Http(port);

        Http.Response created = http.postJson(
                "/api/v1/signals/runs?workspace=" + workspace.slug(),
                Http.adminBasic(),
                "{\"asOf\": \"" + AS_OF + "\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode run = created.json();
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("signalsFired").asInt()).isEqualTo(2);
        assertThat(run.get("accountsScanned").asLong()).isEqualTo(2);
        assertThat(http.get(created.header("Location") + "?workspace=" + workspace.slug(), Http.adminBasic())
                        .json()
                        .get("id")
                        .asLong())
                .isEqualTo(run.get("id").asLong());

        JsonNode signals = http.get(
                        "/api/v1/signals?type=pricing_intent&workspace=" + workspace.slug(), Http.adminBasic())
                .json();
        assertThat(signals.get("total").asLong()).isEqualTo(1);
        assertThat(signals.get("items").get(0).get("evidence").get("summary").asString())
                .contains("2 pricing visits");

        JsonNode accounts = http.get("/api/v1/accounts?workspace=" + workspace.slug(), Http.adminBasic())
                .json();
        assertThat(accounts.get("items").get(0).get("accountKey").asString()).isEqualTo("acme.io");
        assertThat(accounts.get("items").get(0).get("score").asInt()).isEqualTo(80); // 30 + 40 + 2 × 5

        JsonNode account = http.get("/api/v1/accounts/acme.io?workspace=" + workspace.slug(), Http.adminBasic())
                .json();
        assertThat(account.get("receipt").get("score").asInt()).isEqualTo(80);
        assertThat(account.get("receipt").get("asOf").asString()).isEqualTo(AS_OF.toString());
        assertThat(account.get("explanation").toString()).contains("billing_intent +40");
        assertThat(account.get("history").size()).isEqualTo(2);
    }

    @Test
    void aSignalInsideItsCooldownIsRecordedAsSuppressedAndStillScores() {
        Workspace workspace = newWorkspace();
        buyingAccount(workspace, "acme.io");
        Http http = new Http(port);
        run(http, workspace, AS_OF);
        Instant nextDay = AS_OF.plus(Duration.ofDays(1));

        JsonNode second = run(http, workspace, nextDay);

        assertThat(second.get("signalsFired").asInt()).isZero();
        assertThat(second.get("signalsSuppressed").asInt()).isEqualTo(2);
        JsonNode suppressed = http.get(
                        "/api/v1/signals?status=suppressed&account=acme.io&workspace=" + workspace.slug(),
                        Http.adminBasic())
                .json();
        assertThat(suppressed.get("total").asLong()).isEqualTo(2);
        assertThat(suppressed.get("items").get(0).get("lastFiredAt").asString()).isEqualTo(AS_OF.toString());
        JsonNode account = http.get("/api/v1/accounts/acme.io?workspace=" + workspace.slug(), Http.adminBasic())
                .json();
        assertThat(account.get("score").get("score").asInt()).isEqualTo(80);
        assertThat(account.get("score").get("lastSignalAt").asString()).isEqualTo(AS_OF.toString());
    }

    @Test
    void rerunningTheSameInstantReplacesItsResultsAndAddsNoEvents() {
        Workspace workspace = newWorkspace();
        buyingAccount(workspace, "acme.io");
        Http http = new Http(port);
        run(http, workspace, AS_OF);
        long eventsAfterFirst = signalEvents(workspace);

        JsonNode again = run(http, workspace, AS_OF);

        // The rerun's events are recognised as already stored, not refused: the run is not partial.
        assertThat(again.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(again.get("signalsFired").asInt()).isEqualTo(2);
        assertThat(eventsAfterFirst).isEqualTo(2);
        assertThat(signalEvents(workspace)).isEqualTo(2);
        assertThat(http.get("/api/v1/signals?workspace=" + workspace.slug(), Http.adminBasic())
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void firedSignalsBecomeEventsWithGroupsScoreAndTypes() {
        Workspace workspace = newWorkspace();
        buyingAccount(workspace, "acme.io");
        run(new Http(port), workspace, AS_OF);

        String properties = warehouse.read(workspace.id(), c -> {
            try (Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery(
                            "SELECT properties, \"$group_0\", timestamp FROM events"
                                    + " WHERE event = 'beton_signal_fired' AND properties->>'signal_type' = 'billing_intent'")) {
                rows.next();
                assertThat(rows.getString(2)).isEqualTo("acme.io");
                return rows.getString(1);
            }
        });
        assertThat(properties)
                .contains("\"signal_score\":80")
                .contains("\"signal_types\":[\"billing_intent\",\"pricing_intent\"]")
                .contains("\"detected_at\":\"" + AS_OF + "\"");
    }

    @Test
    void aFailingQueryMakesThePartialRunKeepTheOtherSignals() {
        Workspace workspace = newWorkspace();
        buyingAccount(workspace, "acme.io");
        UnaryOperator<QueryRunner> billingFails = runner -> query -> {
            if (query.positionalValues().contains("checkout_started")) {
                throw new IllegalStateException("warehouse unreachable");
            }
            return runner.run(query);
        };

        DetectionRun run = detector.detect(workspace.id(), AS_OF, Trigger.MANUAL, DetectionProgress.NONE, billingFails)
                .run();

        assertThat(run.status()).isEqualTo(JobStatus.PARTIAL);
        assertThat(run.signalsFired()).isEqualTo(1);
        assertThat(run.errors())
                .singleElement()
                .asString()
                .startsWith("billing_intent")
                .contains("unreachable");
        JsonNode stored = new Http(port)
                .get("/api/v1/signals/runs/" + run.id() + "?workspace=" + workspace.slug(), Http.adminBasic())
                .json();
        assertThat(stored.get("status").asString()).isEqualTo("PARTIAL");
        assertThat(stored.get("errorCount").asInt()).isEqualTo(1);
    }

    @Test
    void eventsAfterAsOfChangeNothing() {
        Workspace workspace = newWorkspace();
        buyingAccount(workspace, "acme.io");
        new WarehouseFixtures(warehouse, workspace.id())
                .event("feature_used", "ann", 0, "acme.io", AS_OF, "{\"feature\": \"a\"}")
                .event("checkout_started", "bob", 0, "other.io", AS_OF.plusSeconds(60));

        JsonNode run = run(new Http(port), workspace, AS_OF);

        assertThat(run.get("signalsFired").asInt()).isEqualTo(2);
    }

    @Test
    void aRunWithoutAsOfDetectsAsOfNowAndABadAsOfIsAProblem() {
        Workspace workspace = newWorkspace();
        Http http = new Http(port);
        String path = "/api/v1/signals/runs?workspace=" + workspace.slug();

        Http.Response now = http.postJson(path, Http.adminBasic(), "");
        assertThat(now.status()).isEqualTo(201);
        Instant asOf = Instant.parse(now.json().get("asOf").asString());
        assertThat(asOf).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(now.json().get("accountsScanned").asLong()).isZero(); // no company group yet

        assertThat(http.postJson(path + "&asOf=2025-12-01T06:00:00Z", Http.adminBasic(), "")
                        .json()
                        .get("asOf")
                        .asString())
                .isEqualTo("2025-12-01T06:00:00Z");
        Http.Response bad = http.postJson(path, Http.adminBasic(), "{\"asOf\": \"yesterday\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("ISO-8601");
        assertThat(http.postJson(path, Http.adminBasic(), "{\"asOf\": \"2999-01-01T00:00:00Z\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void runsAndSignalsOfAnotherWorkspaceAreNotFound() {
        Workspace foreign = foreignWorkspace();
        Http http = new Http(port);
        assertThat(http.get("/api/v1/signals/runs?workspace=" + foreign.slug(), Http.adminBasic())
                        .status())
                .isEqualTo(404);
        assertThat(http.postJson("/api/v1/signals/runs?workspace=" + foreign.slug(), Http.adminBasic(), "{}")
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/accounts?workspace=" + foreign.slug(), Http.adminBasic())
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/signals/runs/999999", Http.adminBasic()).status())
                .isEqualTo(404);
    }

    @Test
    void invalidSettingsAreRejectedPerFieldAndValidOnesChangeDetection() {
        Workspace workspace = newWorkspace();
        buyingAccount(workspace, "acme.io");
        Http http = new Http(port);
        String path = "/api/v1/settings/signals?workspace=" + workspace.slug();
        String defaults = http.get(path, Http.adminBasic()).body();

        String invalid = defaults.replace("\"routingThreshold\":60", "\"routingThreshold\":160")
                .replaceFirst("\"baseScore\":40", "\"baseScore\":-1");
        Http.Response rejected = put(http, path, invalid);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("errors").get("routingThreshold").asString())
                .contains("between");
        assertThat(rejected.json().get("errors").get("signals.billing_intent.baseScore"))
                .isNotNull();

        String disabled = defaults.replaceFirst(
                "\"billing_intent\":\\{\"enabled\":true", "\"billing_intent\":{\"enabled\":false");
        assertThat(put(http, path, disabled).status()).isEqualTo(200);
        JsonNode run = run(http, workspace, AS_OF);
        assertThat(run.get("signalsFired").asInt()).isEqualTo(1);
    }

    /** acme.io: two pricing visits and a checkout in the week before AS_OF; quiet.io: one page view. */
    void buyingAccount(Workspace workspace, String account) {
        buyingAccount(warehouse, workspace, account);
    }

    /** Shared with {@code PostHogSourceContract}, whose embedded workspace holds the same account. */
    static void buyingAccount(EmbeddedWarehouse warehouse, Workspace workspace, String account) {
        new WarehouseFixtures(warehouse, workspace.id())
                .groupType(0, "company")
                .event(
                        "$pageview",
                        "ann",
                        0,
                        account,
                        AS_OF.minus(Duration.ofDays(1)),
                        "{\"$current_url\": \"https://x.io/pricing\"}")
                .event(
                        "$pageview",
                        "ann",
                        0,
                        account,
                        AS_OF.minus(Duration.ofDays(2)),
                        "{\"$current_url\": \"https://x.io/pricing/enterprise\"}")
                .event("checkout_started", "ann", 0, account, AS_OF.minus(Duration.ofHours(3)))
                .event(
                        "$pageview",
                        "zoe",
                        0,
                        "quiet.io",
                        AS_OF.minus(Duration.ofDays(1)),
                        "{\"$current_url\": \"https://x.io/docs\"}");
    }

    JsonNode run(Http http, Workspace workspace, Instant asOf) {
        Http.Response response = http.postJson(
                "/api/v1/signals/runs?workspace=" + workspace.slug(),
                Http.adminBasic(),
                "{\"asOf\": \"" + asOf + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    long signalEvents(Workspace workspace) {
        return warehouse.read(workspace.id(), c -> {
            try (Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT count(*) FROM events WHERE event = 'beton_signal_fired'")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    static Http.Response put(Http http, String path, String json) {
        return http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", Http.adminBasic())
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Workspace newWorkspace() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        return workspaces.create("Detection " + UUID.randomUUID(), Optional.empty(), admin);
    }

    Workspace foreignWorkspace() {
        long other = users.create("detect-" + UUID.randomUUID() + "@test.beton", "some-password", false)
                .id();
        return workspaces.create("Foreign detection " + UUID.randomUUID(), Optional.empty(), other);
    }
}
