package dev.beton.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.detection.DetectionProgress;
import dev.beton.detection.Detector;
import dev.beton.detection.Trigger;
import dev.beton.detection.WarehouseQueryRunner;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.jobs.JobRun;
import dev.beton.jobs.JobRuns;
import dev.beton.jobs.JobStatus;
import dev.beton.jobs.RunningJob;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalOutcome;
import dev.beton.signals.SignalRun;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalType;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Backtests on the embedded store: "as of" holds for every kind of input (issue 19 §1), the replay
 * is the production detection day by day (cooldowns included), and the API runs and returns them.
 */
@OnEmbeddedStore
class BacktestsOnEmbeddedStoreTest {

    static final Instant T = Instant.parse("2026-03-02T06:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    dev.beton.detection.ReplayedSignals replayedSignals;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    EventIngestion ingestion;

    @Autowired
    Detector detector;

    @Autowired
    Backtests backtests;

    @Autowired
    JobRuns jobRuns;

    @Autowired
    AbandonedBacktests abandoned;

    @Test
    void laterDataOfEveryKindChangesNothingAsOfT() {
        Workspace before = newWorkspace();
        Workspace withLater = newWorkspace();
        beforeT(world(before));
        BacktestWorld later = world(withLater);
        beforeT(later);
        afterT(later);

        SignalRun withoutLaterData =
                detector.dryRun(before.id(), T, DetectionProgress.NONE).signals();
        SignalRun withLaterData =
                detector.dryRun(withLater.id(), T, DetectionProgress.NONE).signals();

        assertThat(withoutLaterData.failures()).isEmpty();
        // Every signal fires for acme as of T: the comparison covers every definition.
        assertThat(withoutLaterData.outcomes())
                .filteredOn(o -> o.signal().accountKey().equals("acme"))
                .extracting(o -> o.signal().type())
                .containsExactlyInAnyOrderElementsOf(SignalType.builtIns());
        assertThat(withLaterData.outcomes()).isEqualTo(withoutLaterData.outcomes());
        assertThat(withLaterData.receipts()).isEqualTo(withoutLaterData.receipts());

        List<Instant> days = List.of(T.minus(Duration.ofDays(2)), T.minus(Duration.ofDays(1)), T);
        assertThat(replay(withLater, days)).isEqualTo(replay(before, days));
    }

    @Test
    void theReplayIsTheProductionDetectionDayByDayWithItsCooldowns() {
        Workspace workspace = newWorkspace();
        beforeT(world(workspace));
        List<Instant> days = List.of(T, T.plus(Duration.ofDays(1)), T.plus(Duration.ofDays(2)));

        List<ReplayDay> replayed = replay(workspace, days);

        for (int i = 0; i < days.size(); i++) {
            SignalRun production = detector.detect(workspace.id(), days.get(i), Trigger.CLI, DetectionProgress.NONE)
                    .signals();
            assertThat(replayed.get(i).signals())
                    .isEqualTo(production.outcomes().stream()
                            .map(o -> new ReplayDay.DaySignal(
                                    o.signal().accountKey(), o.signal().type(), o instanceof SignalOutcome.Fired))
                            .toList());
            assertThat(replayed.get(i).scores())
                    .isEqualTo(production.receipts().stream()
                            .map(r -> new ReplayDay.DayScore(r.accountKey(), r.score()))
                            .toList());
        }
        // The cooldown is carried: acme's signals fired on the first day are suppressed on the next.
        assertThat(replayed.get(0).signals())
                .anySatisfy(s -> assertThat(s.fired()).isTrue());
        assertThat(replayed.get(1).signals())
                .filteredOn(s -> s.accountKey().equals("acme") && s.type().equals(SignalType.BILLING_INTENT))
                .singleElement()
                .satisfies(s -> assertThat(s.fired()).isFalse());
    }

    @Test
    void theApiRunsABacktestAndReturnsItsMetricsCurvesAndCsv() {
        Workspace workspace = newWorkspace();
        beforeT(world(workspace));
        Http http = new Http(port);
        String ws = "?workspace=" + workspace.slug();

        Http.Response created = http.postJson(
                "/api/v1/backtests" + ws + "&wait=true", Http.adminBasic(), "{\"days\": 3, \"attributionDays\": 30}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode run = created.json();
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("days").asInt()).isEqualTo(3);
        assertThat(run.get("settingsLabel").asString()).isEqualTo("live");
        JsonNode report = run.get("report");
        assertThat(report.get("curve").size()).isEqualTo(101);
        assertThat(report.get("signals").size()).isEqualTo(8);
        assertThat(report.get("signalCurves").get("pricing_intent").size()).isEqualTo(10);
        // Four deals, all before the 3 replayed days: not enough to judge.
        assertThat(report.get("data").get("ready").asBoolean()).isFalse();
        assertThat(report.get("data").get("missing").toString()).contains("closed deals");

        long id = run.get("id").asLong();
        JsonNode list = http.get("/api/v1/backtests" + ws, Http.adminBasic()).json();
        assertThat(list.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(http.get("/api/v1/backtests/" + id + ws, Http.adminBasic()).status())
                .isEqualTo(200);
        Http.Response csv = http.get("/api/v1/backtests/" + id + "/signals.csv" + ws, Http.adminBasic());
        assertThat(csv.body()).startsWith("signal,threshold,fired,").contains("pricing_intent,2,");

        JsonNode explained = http.get(
                        "/api/v1/backtests/" + id + "/signals/pricing_intent/explain" + ws, Http.adminBasic())
                .json();
        assertThat(explained.get("definition").asString()).isEqualTo("signal.pricing_intent@1");
        assertThat(explained.get("hogQl").asString()).contains("$current_url");
        // a 3-day run lies in one or two calendar months: one row each, as the report keeps them
        assertThat(explained.get("history").size()).isBetween(1, 2);
        assertThat(report.get("signalHistory").get("pricing_intent")).isEqualTo(explained.get("history"));
        Http.Response byMonth =
                http.get("/api/v1/backtests/" + id + "/signals/pricing_intent/history.csv" + ws, Http.adminBasic());
        assertThat(byMonth.body())
                .startsWith("month,fired,true_positives,false_positives,pending,precision,recall,")
                .contains(explained.get("history").get(0).get("month").asString() + ",");
        assertThat(http.get("/api/v1/backtests/" + id + "/signals/nope/explain" + ws, Http.adminBasic())
                        .status())
                .isEqualTo(400);

        JsonNode roi = http.get("/api/v1/backtests/" + id + "/roi" + ws, Http.adminBasic())
                .json();
        assertThat(roi.get("inputs").get("betonCostPerYear").asInt()).isEqualTo(50_000);
        assertThat(roi.get("inputs").get("minutesSavedPerRoutedAccount").asInt())
                .isEqualTo(15);
        assertThat(http.get("/api/v1/backtests/" + id + "/roi" + ws + "&sdrHourCost=-1", Http.adminBasic())
                        .status())
                .isEqualTo(400);

        Http.Response invalid = http.postJson("/api/v1/backtests" + ws, Http.adminBasic(), "{\"days\": 0}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("days must be between 1 and 400");
        assertThat(http.get("/api/v1/backtests/999999" + ws, Http.adminBasic()).status())
                .isEqualTo(404);
    }

    @Test
    void aDraftIsBacktestedComparedWithTheLiveSettingsAndPromoted() {
        Workspace workspace = newWorkspace();
        beforeT(world(workspace));
        Http http = new Http(port);
        String ws = "?workspace=" + workspace.slug();
        long live = http.postJson("/api/v1/backtests" + ws + "&wait=true", Http.adminBasic(), "{\"days\": 2}")
                .json()
                .get("id")
                .asLong();
        ObjectNode draft = (ObjectNode)
                http.get("/api/v1/settings/signals" + ws, Http.adminBasic()).json();
        draft.put("routingThreshold", 50);

        JsonNode drafted = http.postJson(
                        "/api/v1/backtests" + ws + "&wait=true",
                        Http.adminBasic(),
                        "{\"days\": 2, \"label\": \"routing-50\", \"settings\": " + draft + "}")
                .json();
        assertThat(drafted.get("settingsLabel").asString()).isEqualTo("routing-50");
        assertThat(drafted.get("report").get("overall").get("routingThreshold").asInt())
                .isEqualTo(50);

        JsonNode compared = http.get(
                        "/api/v1/backtests/compare" + ws + "&first=" + live + "&second="
                                + drafted.get("id").asLong(),
                        Http.adminBasic())
                .json();
        assertThat(compared.get("first").get("routingThreshold").asInt()).isEqualTo(60);
        assertThat(compared.get("second").get("routingThreshold").asInt()).isEqualTo(50);
        assertThat(compared.get("samePeriod").asBoolean()).isTrue();

        Http.Response promoted = http.postJson(
                "/api/v1/backtests/" + drafted.get("id").asLong() + "/promote" + ws, Http.adminBasic(), "{}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/settings/signals" + ws, Http.adminBasic())
                        .json()
                        .get("routingThreshold")
                        .asInt())
                .isEqualTo(50);
    }

    @Test
    void pqlPerformanceComparesLeadSourcesFromTheCrmMirror() {
        Workspace workspace = newWorkspace();
        beforeT(world(workspace));
        Http http = new Http(port);

        JsonNode performance = http.get("/api/v1/pql-performance?workspace=" + workspace.slug(), Http.adminBasic())
                .json();

        // pql 1 lead, won; the others: inbound won, outbound lost, partner open -> 1 of 3; lift 3.
        assertThat(performance.get("sources").get(0).get("source").asString()).isEqualTo("pql");
        assertThat(performance.get("sources").get(0).get("winRate").get("value").asDouble())
                .isEqualTo(1.0);
        assertThat(performance.get("pqlLift").asDouble()).isEqualTo(3.0);
        assertThat(http.get("/api/v1/pql-performance?sqlStages=%20&workspace=" + workspace.slug(), Http.adminBasic())
                        .status())
                .isEqualTo(400);
    }

    private List<ReplayDay> replay(Workspace workspace, List<Instant> days) {
        SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), 0);
        return new Replay(catalog, new WarehouseQueryRunner(warehouse, workspace.id())).run(days, (d, t) -> {});
    }

    /** Two accounts with every signal's input before T, and four deals. */
    static void beforeT(BacktestWorld world) {
        world.groupIdentify(
                        "acme",
                        days(20),
                        "{\"name\": \"Acme\", \"plan_usage\": 900, \"plan_limit\": 1000, \"trial_ends_at\": \""
                                + T.plus(Duration.ofDays(3)) + "\"}")
                .identify("ann@acme.io", days(30), "{\"role\": \"admin\"}")
                .repeat("report_viewed", "ann@acme.io", "acme", days(10), 10)
                .repeat("report_viewed", "ann@acme.io", "acme", days(2), 20)
                .event("$pageview", "ann@acme.io", "acme", days(1), "{\"$current_url\": \"https://acme.io/pricing\"}")
                .event(
                        "$pageview",
                        "ann@acme.io",
                        "acme",
                        days(1).plusSeconds(5),
                        "{\"$current_url\": \"https://acme.io/plans\"}")
                .event("feature_used", "ann@acme.io", "acme", days(3), "{\"feature\": \"export\"}")
                .event("feature_used", "ann@acme.io", "acme", days(3), "{\"feature\": \"reports\"}")
                .event("feature_used", "ann@acme.io", "acme", days(3), "{\"feature\": \"sso\"}")
                .repeat("report_viewed", "bob@acme.io", "acme", days(2), 1)
                .repeat("report_viewed", "cy@acme.io", "acme", days(2), 1)
                .repeat("intercom_conversation_started", "ann@acme.io", "acme", days(1), 3)
                .repeat("checkout_started", "ann@acme.io", "acme", days(1), 1)
                .groupIdentify("globex", days(15), "{\"plan_usage\": 100, \"plan_limit\": 1000}")
                .repeat("report_viewed", "gil@globex.io", "globex", days(4), 5)
                .ingest();
        world.deal("acme", "pql", "won", 12_000, days(60), days(40))
                .deal("globex", "outbound", "lost", 5_000, days(90), days(50))
                .deal("acme", "inbound", "won", 6_000, days(120), days(100))
                .deal("globex", "partner", "open", 3_000, days(10), null);
    }

    /** The same kinds of input after T (and one at T exactly), which must change nothing as of T. */
    static void afterT(BacktestWorld world) {
        Instant after = T.plus(Duration.ofHours(1));
        world.groupIdentify("acme", after, "{\"plan_usage\": 10, \"plan_limit\": 100000, \"trial_ends_at\": null}")
                .groupIdentify("globex", after, "{\"plan_usage\": 999}")
                .identify("ann@acme.io", after, "{\"role\": \"owner\"}")
                .alias("ann@acme.io", "ann-laptop", after)
                .repeat("report_viewed", "ann-laptop", "acme", after, 50)
                .repeat("report_viewed", "ann@acme.io", "acme", T, 5)
                .event("$pageview", "ann@acme.io", "acme", T, "{\"$current_url\": \"https://acme.io/pricing\"}")
                .event("$pageview", "gil@globex.io", "globex", after, "{\"$current_url\": \"https://g.io/pricing\"}")
                .event("$pageview", "gil@globex.io", "globex", after, "{\"$current_url\": \"https://g.io/pricing\"}")
                .event("feature_used", "ann@acme.io", "acme", after, "{\"feature\": \"audit\"}")
                .repeat("report_viewed", "dan@acme.io", "acme", after, 1)
                .repeat("intercom_message_sent", "gil@globex.io", "globex", after, 5)
                .repeat("upgrade_started", "gil@globex.io", "globex", after, 1)
                .groupIdentify("late", after.plus(Duration.ofDays(1)), "{\"plan_usage\": 990, \"plan_limit\": 1000}")
                .repeat("report_viewed", "lee@late.io", "late", after.plus(Duration.ofDays(1)), 5)
                .ingest();
        world.deal("acme", "pql", "won", 50_000, T.minus(Duration.ofDays(2)), T.plus(Duration.ofDays(5)))
                .deal("globex", "outbound", "lost", 1_000, T, T.plus(Duration.ofDays(10)))
                .deal("late", "inbound", "open", 2_000, T.plus(Duration.ofDays(2)), null);
    }

    private BacktestWorld world(Workspace workspace) {
        return new BacktestWorld(ingestion, warehouse, workspace.id());
    }

    static Instant days(int before) {
        return T.minus(Duration.ofDays(before));
    }

    @Test
    void aBacktestIsAJobRunWithProgressAndOneLeftRunningIsAbandonedAtStartUp() {
        Workspace workspace = newWorkspace();
        beforeT(world(workspace));
        BacktestRun done =
                backtests.run(workspace.id(), new Backtests.Request(3, 30, Optional.empty(), "live"), (d, t) -> {});

        List<JobRun> runs = jobRuns.recent(workspace.id(), Optional.of(Backtests.JOB_TYPE), 10);
        assertThat(runs).singleElement().satisfies(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(job.progressDone()).isEqualTo(3);
            assertThat(job.progressTotal()).hasValue(3);
            assertThat(job.summary()).hasValueSatisfying(s -> assertThat(s).contains("Backtest " + done.id()));
        });
        assertThat(done.status()).isEqualTo(BacktestRun.Status.SUCCEEDED);
        assertThat(done.daysDone()).isEqualTo(3);

        // A process that stopped mid-run leaves its job run "running": the next start-up ends it.
        RunningJob stuck =
                jobRuns.start(Optional.of(workspace.id()), Backtests.JOB_TYPE, java.util.OptionalLong.of(180));
        stuck.progress(42, 180);
        abandoned.run(null);

        JobRun ended = jobRuns.byId(workspace.id(), stuck.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
        assertThat(ended.error()).hasValue(AbandonedBacktests.REASON);
        assertThat(ended.finishedAt()).isPresent();
        assertThat(jobRuns.byId(workspace.id(), runs.getFirst().id())
                        .orElseThrow()
                        .status())
                .isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void theLatestLiveReplayIsSignalHistoryMarkedReplayAndNeverADraftsOrTheLiveDetections() {
        Workspace workspace = newWorkspace();
        beforeT(world(workspace));
        Http http = new Http(port);
        String ws = "?workspace=" + workspace.slug();
        assertThat(http.get("/api/v1/replay-history/signals-per-day" + ws, Http.adminBasic())
                        .json()
                        .get("days")
                        .size())
                .isZero();

        // The replay reaches back past T (the world's events are around T).
        BacktestRun live = backtests.run(
                workspace.id(), new Backtests.Request(Backtests.MAX_DAYS, 30, Optional.empty(), "live"), (d, t) -> {});
        backtests.run(
                workspace.id(),
                new Backtests.Request(3, 30, Optional.of(SignalSettings.defaults()), "draft"),
                (d, t) -> {});

        JsonNode perDay = http.get("/api/v1/replay-history/signals-per-day" + ws + "&days=400", Http.adminBasic())
                .json();
        assertThat(perDay.get("kind").asString()).isEqualTo("replay");
        assertThat(perDay.get("source").get("backtestId").asLong()).isEqualTo(live.id());
        assertThat(perDay.get("days").size()).isBetween(1, Backtests.MAX_DAYS);
        List<String> days = new java.util.ArrayList<>();
        perDay.get("days").forEach(d -> days.add(d.get("asOf").asString()));
        assertThat(days).contains(T.toString()).isSorted();

        JsonNode acme = http.get("/api/v1/replay-history/accounts/acme" + ws, Http.adminBasic())
                .json();
        assertThat(acme.get("kind").asString()).isEqualTo("replay");
        assertThat(acme.get("days")).anySatisfy(d -> {
            assertThat(d.get("asOf").asString()).isEqualTo(T.toString());
            assertThat(d.get("signalTypes").toString()).contains("billing_intent");
        });
        assertThat(acme.get("days"))
                .anySatisfy(d -> assertThat(d.get("firedTypes").toString()).contains("billing_intent"));
        // The Signals page's replay series: the live replay's fired signals on T's UTC day.
        var series = replayedSignals
                .firedPerDay(workspace.id(), T.minus(java.time.Duration.ofDays(1)), T.plusSeconds(1))
                .orElseThrow();
        assertThat(series.label()).isEqualTo("replay (backtest " + live.id() + ")");
        assertThat(series.perDay())
                .containsKey(T.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        // Live detection's own history is untouched: the replay wrote no detection run.
        assertThat(jobRuns.recent(workspace.id(), Optional.of("detection"), 10)).isEmpty();
    }

    private Workspace newWorkspace() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        return workspaces.create("Backtest " + UUID.randomUUID(), Optional.empty(), admin);
    }
}
