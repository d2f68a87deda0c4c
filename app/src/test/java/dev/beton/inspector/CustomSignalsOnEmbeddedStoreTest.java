package dev.beton.inspector;

import static dev.beton.inspector.InspectorWorld.AS_OF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.backtest.BacktestReport;
import dev.beton.backtest.BacktestRun;
import dev.beton.backtest.Backtests;
import dev.beton.detection.DetectionProgress;
import dev.beton.detection.Detector;
import dev.beton.detection.Trigger;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.signals.ScoreReceipt;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A rule promoted to a custom signal (issue 17, "Beyond the seed") on the hand-built world of
 * {@link InspectorOnEmbeddedStoreTest}: off by default, then in the receipts of detection runs,
 * as of the run's instant, gone once demoted, refused for user-level rules, and in backtests.
 */
@OnEmbeddedStore
class CustomSignalsOnEmbeddedStoreTest {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EventIngestion ingestion;

    @Autowired
    Detector detector;

    @Autowired
    Backtests backtests;

    Http http;
    Workspace workspace;
    long pqa;
    String key;

    @BeforeEach
    void world() {
        http = new Http(port);
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        workspace = workspaces.create("Custom signals " + UUID.randomUUID(), Optional.empty(), admin);
        InspectorWorld world = new InspectorWorld(ingestion, workspace.id());
        InspectorOnEmbeddedStoreTest.handBuilt(world);
        world.ingest();
        pqa = InspectorOnEmbeddedStoreTest.idOf(
                get("/api/v1/inspection-rules").json(), InspectorOnEmbeddedStoreTest.PQA);
        key = "rule_" + pqa;
    }

    @Test
    void aNewWorkspaceHasNoCustomSignalAndAPromotionIsOffByDefault() {
        assertThat(get("/api/v1/custom-signals").json()).isEmpty();
        Map<String, ScoreReceipt> before = receipts();

        Http.Response promoted = promote(pqa, "{\"baseScore\": 30}");

        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.json().get("signalKey").asString()).isEqualTo(key);
        assertThat(promoted.json().get("enabled").asBoolean()).isFalse();
        assertThat(promoted.json().get("label").asString()).isEqualTo(InspectorOnEmbeddedStoreTest.PQA);
        assertThat(promoted.json().get("promotedBy").asString()).isEqualTo(TestStores.ADMIN_EMAIL);
        assertThat(get("/api/v1/custom-signals").json()).hasSize(1);
        assertThat(receipts()).as("a disabled promotion changes nothing").isEqualTo(before);
    }

    @Test
    void anEnabledPromotionAddsItsLineToTheReceiptAndRaisesTheScore() {
        Map<String, ScoreReceipt> before = receipts();

        assertThat(promote(pqa, "{\"baseScore\": 30, \"enabled\": true}").status())
                .isEqualTo(200);
        Map<String, ScoreReceipt> after = receipts();

        // The PQA rule finds acme and hooli as of AS_OF (worked out in InspectorOnEmbeddedStoreTest).
        ScoreReceipt acme = after.get("acme");
        ScoreReceipt.Line line = customLine(acme).orElseThrow();
        assertThat(line.points()).isEqualTo(30);
        assertThat(line.definition()).isEqualTo("rule:" + pqa + "@1");
        assertThat(line.evidence())
                .isEqualTo("matches rule '" + InspectorOnEmbeddedStoreTest.PQA
                        + "' v1: 55 events, 4 active days, last event 1 day ago");
        assertThat(acme.score())
                .isGreaterThan(Optional.ofNullable(before.get("acme"))
                        .map(ScoreReceipt::score)
                        .orElse(0));
        assertThat(acme.explanation()).anySatisfy(text -> assertThat(text).startsWith(key + " +30"));
        assertThat(customLine(after.get("hooli"))).isPresent();
        String label = InspectorOnEmbeddedStoreTest.PQA + " (" + key + ")";
        var pages = dev.beton.testsupport.PageSession.admin(http.baseUrl());
        assertThat(pages.html("/accounts/acme?workspace=" + workspace.slug())).contains(label);
        assertThat(pages.html("/signals?workspace=" + workspace.slug())).contains(label);
        assertThat(Optional.ofNullable(after.get("initech")).flatMap(this::customLine))
                .isEmpty();
    }

    @Test
    void eventsAfterAsOfDoNotChangeTheCustomSignal() {
        promote(pqa, "{\"baseScore\": 20, \"enabled\": true}");
        Map<String, List<ScoreReceipt.Line>> before = customLines(receipts());

        InspectorWorld later = new InspectorWorld(ingestion, workspace.id());
        later.eventsAt("exported_data", "h5@hooli.com", "hooli", AS_OF.plus(Duration.ofMinutes(30)), 40, "{}")
                .eventsAt("page_viewed", "g4@globex.com", "globex", AS_OF.plus(Duration.ofMinutes(30)), 40, "{}");
        later.ingest();

        assertThat(customLines(receipts())).isEqualTo(before).containsOnlyKeys("acme", "hooli");
    }

    @Test
    void aDemotedRuleIsGoneFromTheNextRun() {
        promote(pqa, "{\"baseScore\": 30, \"enabled\": true}");
        assertThat(customLines(receipts())).isNotEmpty();

        Http.Response demoted = http.delete(
                "/api/v1/inspection-rules/" + pqa + "/promote?workspace=" + workspace.slug(), Http.adminBasic());

        assertThat(demoted.status()).isEqualTo(204);
        assertThat(customLines(receipts())).isEmpty();
        assertThat(get("/api/v1/custom-signals").json()).isEmpty();
    }

    @Test
    void aUserLevelRuleOrABaseScoreOutOfRangeIsRefusedWithAProblem() {
        long users = InspectorOnEmbeddedStoreTest.idOf(
                get("/api/v1/inspection-rules").json(), "PQL - High Intent Trial Users");

        Http.Response refused = promote(users, "{\"baseScore\": 30, \"enabled\": true}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:beton:problem:promotion-refused");
        assertThat(refused.json().get("detail").asString()).contains("Only account-level rules");

        Http.Response tooHigh = promote(pqa, "{\"baseScore\": 51, \"enabled\": true}");
        assertThat(tooHigh.status()).isEqualTo(422);
        assertThat(tooHigh.json().get("detail").asString())
                .contains("baseScore")
                .contains("1 to 50");
        assertThat(get("/api/v1/custom-signals").json()).isEmpty();
        assertThat(promote(999_999_999L, "{\"baseScore\": 30}").status()).isEqualTo(404);
    }

    @Test
    void aBacktestListsAnEnabledCustomSignalBesideTheEight() {
        promote(pqa, "{\"baseScore\": 30, \"enabled\": true}");

        BacktestRun run = backtests.run(
                workspace.id(), new Backtests.Request(30, 30, Optional.empty(), "live"), (done, total) -> {});

        assertThat(run.status()).as(run.error().orElse("")).isEqualTo(BacktestRun.Status.SUCCEEDED);
        BacktestReport report = run.report().orElseThrow();
        assertThat(report.signals())
                .extracting(BacktestReport.SignalMetrics::type)
                .contains(key, "pricing_intent");
        assertThat(report.signals()).hasSize(9);
        BacktestReport.SignalMetrics custom = report.signals().stream()
                .filter(s -> s.type().equals(key))
                .findFirst()
                .orElseThrow();
        assertThat(custom.fired()).as("fires on some replayed day").isPositive();
    }

    private Optional<ScoreReceipt.Line> customLine(ScoreReceipt receipt) {
        return receipt.lines().stream().filter(l -> l.type().key().equals(key)).findFirst();
    }

    private Map<String, List<ScoreReceipt.Line>> customLines(Map<String, ScoreReceipt> receipts) {
        Map<String, List<ScoreReceipt.Line>> lines = new TreeMap<>();
        receipts.forEach((account, receipt) -> customLine(receipt).ifPresent(l -> lines.put(account, List.of(l))));
        return lines;
    }

    private Map<String, ScoreReceipt> receipts() {
        Map<String, ScoreReceipt> byAccount = new TreeMap<>();
        detector.detect(workspace.id(), AS_OF, Trigger.MANUAL, DetectionProgress.NONE)
                .signals()
                .receipts()
                .forEach(r -> byAccount.put(r.accountKey(), r));
        return byAccount;
    }

    private Http.Response promote(long rule, String json) {
        return http.postJson(
                "/api/v1/inspection-rules/" + rule + "/promote?workspace=" + workspace.slug(), Http.adminBasic(), json);
    }

    private Http.Response get(String path) {
        return http.get(path + (path.contains("?") ? "&" : "?") + "workspace=" + workspace.slug(), Http.adminBasic());
    }
}
