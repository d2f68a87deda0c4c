package dev.beton.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.beton.query.Dialect;
import dev.beton.query.ResultRows;
import dev.beton.query.TestWarehouse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public facade as a detector uses it. */
class SignalCatalogTest {

    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");

    @Test
    void detectsCoolsDownAndScoresAnAccountEndToEndOnDuckDb() throws Exception {
        SignalSettings settings = SignalSettings.defaults();
        SignalCatalog catalog = SignalCatalog.of(settings, 1);
        try (TestWarehouse warehouse = TestWarehouse.open()) {
            for (String url : List.of("https://acme.io/pricing", "https://acme.io/pricing", "https://acme.io/plans")) {
                warehouse.event("$pageview", "ann", AS_OF.minus(Duration.ofDays(1)), json(url), null, "acme");
            }
            warehouse.event("checkout_started", "ann", AS_OF.minus(Duration.ofHours(3)), "{}", null, "acme");
            warehouse.event("checkout_started", "bob", AS_OF.minus(Duration.ofHours(3)), "{}", null, "globex");

            List<DetectedSignal> detected = new ArrayList<>();
            for (SignalQuery query : catalog.queries(AS_OF, Dialect.DUCKDB)) {
                detected.addAll(catalog.evaluate(query, warehouse.run(query.rendered())));
            }
            Map<CooldownKey, Instant> lastFired =
                    Map.of(new CooldownKey("globex", SignalType.BILLING_INTENT), AS_OF.minus(Duration.ofDays(2)));
            List<SignalOutcome> outcomes = CooldownPolicy.from(settings).apply(detected, lastFired);
            List<ScoreReceipt> receipts = Scorer.from(settings).scoreAll(AS_OF, outcomes);

            assertThat(receipts).extracting(ScoreReceipt::accountKey).containsExactly("acme", "globex");
            ScoreReceipt acme = receipts.get(0);
            assertThat(acme.score()).isEqualTo(80); // 30 + 40, plus 2 types × 5
            assertThat(acme.routed()).isTrue();
            assertThat(acme.hot()).isTrue();
            assertThat(acme.lines())
                    .extracting(ScoreReceipt.Line::type, ScoreReceipt.Line::points, ScoreReceipt.Line::definition)
                    .containsExactly(
                            tuple(SignalType.PRICING_INTENT, 30, "signal.pricing_intent@1"),
                            tuple(SignalType.BILLING_INTENT, 40, "signal.billing_intent@1"));
            assertThat(acme.lines().get(0).evidence()).isEqualTo("3 pricing visits in 7 days: /pricing ×2, /plans ×1");
            assertThat(acme.explanation())
                    .last()
                    .asString()
                    .isEqualTo("score 80 as of 2026-11-23T06:00:00Z, routed (≥ 60), hot (≥ 70)");
            ScoreReceipt globex = receipts.get(1);
            assertThat(globex.lines()).singleElement().satisfies(line -> assertThat(line.status())
                    .isEqualTo(ScoreReceipt.Status.SUPPRESSED));
        }
    }

    @Test
    void runRecordsAFailedSignalAndStillScoresTheOthers() throws Exception {
        SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), 0);
        try (TestWarehouse warehouse = TestWarehouse.open()) {
            warehouse.event("checkout_started", "ann", AS_OF.minus(Duration.ofHours(1)), "{}", "acme");
            IllegalStateException outage = new IllegalStateException("warehouse unavailable");

            SignalRun run = catalog.run(
                    AS_OF,
                    Dialect.DUCKDB,
                    query -> {
                        if (query.sql().contains("plan_usage")) {
                            throw outage;
                        }
                        return runUnchecked(warehouse, query);
                    },
                    Map.of());

            assertThat(run.complete()).isFalse();
            assertThat(run.failures()).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(SignalType.LIMIT_APPROACHING);
                assertThat(f.definition()).isEqualTo("signal.limit_approaching@4");
                assertThat(f.cause()).isSameAs(outage);
            });
            assertThat(run.fired()).extracting(DetectedSignal::type).containsExactly(SignalType.BILLING_INTENT);
            assertThat(run.receipts()).singleElement().satisfies(r -> assertThat(r.score())
                    .isEqualTo(45));
        }
    }

    @Test
    void aMeasuredRunIsTheRunPlusEverySignalsMeasuresBeforeTheThreshold() throws Exception {
        SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), 0);
        try (TestWarehouse warehouse = TestWarehouse.open()) {
            warehouse.event("checkout_started", "ann", AS_OF.minus(Duration.ofHours(1)), "{}", "acme");
            warehouse.event(
                    "$pageview", "bob", AS_OF.minus(Duration.ofDays(1)), json("https://globex.io/pricing"), "globex");
            Map<CooldownKey, Instant> lastFired =
                    Map.of(new CooldownKey("acme", SignalType.BILLING_INTENT), AS_OF.minus(Duration.ofDays(1)));

            SignalCatalog.MeasuredRun measured =
                    catalog.runMeasured(AS_OF, Dialect.DUCKDB, query -> runUnchecked(warehouse, query), lastFired);

            assertThat(measured.run())
                    .isEqualTo(catalog.run(AS_OF, Dialect.DUCKDB, query -> runUnchecked(warehouse, query), lastFired));
            assertThat(measured.measures().keySet()).containsExactlyElementsOf(catalog.enabledTypes());
            for (SignalQuery query : catalog.queries(AS_OF, Dialect.DUCKDB)) {
                assertThat(measured.measures().get(query.type()))
                        .as(query.type().key())
                        .isEqualTo(catalog.measures(query.type(), runUnchecked(warehouse, query.rendered()), AS_OF));
            }
            // One pricing visit is below the threshold of 2: measured, not fired.
            assertThat(measured.measures().get(SignalType.PRICING_INTENT))
                    .containsExactly(new SignalCatalog.Measured("globex", 1.0));
            assertThat(measured.run().fired()).noneMatch(signal -> signal.type().equals(SignalType.PRICING_INTENT));
        }
    }

    /** A promoted rule as the inspector hands it over: every account with an event in 7 days. */
    private static CustomSignal anyActivity(int baseScore) {
        dev.beton.inspector.InspectionRule rule = new dev.beton.inspector.InspectionRule(
                "Any activity", "", dev.beton.inspector.InspectionRule.Level.ACCOUNT, 7, null, null);
        return new CustomSignal(
                SignalType.custom("rule_5", "Any activity", baseScore),
                5,
                2,
                "Accounts with an event in 7 days.",
                baseScore,
                Duration.ofDays(7),
                List.of(dev.beton.query.TimeWindow.lastDays("rule_window", 7)),
                index -> dev.beton.inspector.RuleCompiler.compile(rule, index),
                (row, asOf) -> {
                    dev.beton.inspector.Finding f = dev.beton.inspector.Finding.of(row, rule);
                    return java.util.Optional.of(new CustomSignal.Reading(
                            f.accountId(), f.score(), new Evidence("matches rule 'Any activity' v2", List.of())));
                });
    }

    @Test
    void aCustomSignalFiresForEveryAccountOnItsRulesListCoolsDownAndScoresBesideTheEight() throws Exception {
        SignalCatalog catalog =
                SignalCatalog.of(SignalSettings.defaults(), 0).withCustomSignals(List.of(anyActivity(12)));
        try (TestWarehouse warehouse = TestWarehouse.open()) {
            warehouse.event("checkout_started", "ann", AS_OF.minus(Duration.ofHours(1)), "{}", "acme");
            warehouse.event("report_viewed", "bob", AS_OF.minus(Duration.ofDays(2)), "{}", "globex");
            warehouse.event("report_viewed", "bob", AS_OF.plus(Duration.ofMinutes(1)), "{}", "initech");
            SignalType custom = SignalType.fromKey("rule_5");
            Map<CooldownKey, Instant> lastFired =
                    Map.of(new CooldownKey("globex", custom), AS_OF.minus(Duration.ofDays(1)));

            SignalRun run = catalog.run(AS_OF, Dialect.DUCKDB, query -> runUnchecked(warehouse, query), lastFired);

            assertThat(catalog.enabledTypes()).hasSize(9).last().isEqualTo(custom);
            assertThat(run.complete()).isTrue();
            assertThat(run.outcomes())
                    .filteredOn(o -> o.signal().type().equals(custom))
                    .extracting(
                            o -> o.signal().accountKey() + " " + o.getClass().getSimpleName() + " "
                                    + o.signal().baseScore() + " " + o.signal().definitionReference())
                    .containsExactly("acme Fired 12 rule:5@2", "globex Suppressed 12 rule:5@2");
            ScoreReceipt acme = run.receipts().getFirst();
            assertThat(acme.accountKey()).isEqualTo("acme");
            // billing_intent 40 + rule_5 12, two distinct types
            assertThat(acme.score()).isEqualTo(52 + 10);
        }
    }

    @Test
    void aFailingCustomQueryMakesTheRunPartialAndTheEightStillRun() throws Exception {
        SignalCatalog catalog =
                SignalCatalog.of(SignalSettings.defaults(), 0).withCustomSignals(List.of(anyActivity(12)));
        try (TestWarehouse warehouse = TestWarehouse.open()) {
            warehouse.event("checkout_started", "ann", AS_OF.minus(Duration.ofHours(1)), "{}", "acme");

            SignalRun run = catalog.run(
                    AS_OF,
                    Dialect.DUCKDB,
                    query -> {
                        if (query.definition().orElseThrow().startsWith("rule:")) {
                            throw new IllegalStateException("rule query timed out");
                        }
                        return runUnchecked(warehouse, query);
                    },
                    Map.of());

            assertThat(run.failures()).singleElement().satisfies(f -> {
                assertThat(f.type().key()).isEqualTo("rule_5");
                assertThat(f.definition()).isEqualTo("rule:5@2");
            });
            assertThat(run.fired()).extracting(DetectedSignal::type).containsExactly(SignalType.BILLING_INTENT);
        }
    }

    private static ResultRows runUnchecked(TestWarehouse warehouse, dev.beton.query.RenderedQuery query) {
        try {
            return warehouse.run(query);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsHogQlResultsWhereNumbersTimesAndUnmatchedJoinDefaultsArrive() {
        // A live run: where nothing was recorded, the current value is used (and marked).
        SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), 0).withPresentDayValues();
        ResultRows hogqlRows = new ResultRows(
                List.of(
                        "account",
                        "events_7d",
                        "days_since_last_event",
                        "current_trial_ends_at",
                        "recorded_trial_ends_at",
                        "recorded_trial_ends_at_updates"),
                List.of(
                        // ClickHouse fills an unmatched LEFT JOIN with '' and 0 rather than NULL.
                        List.of("acme", 12, 0, "2026-11-25", "", 0),
                        // Recorded before asOf wins over the current value.
                        List.of("globex", "40", "1", "2026-11-24", "2026-12-31T00:00:00Z", "2")));

        List<DetectedSignal> detected = catalog.evaluate(SignalType.TRIAL_EXPIRING, hogqlRows, AS_OF);

        assertThat(detected).singleElement().satisfies(s -> {
            assertThat(s.accountKey()).isEqualTo("acme");
            assertThat(s.measure()).isEqualTo(1.75);
            assertThat(s.evidence().facts())
                    .contains(
                            new Evidence.Fact("threshold", "7"),
                            new Evidence.Fact(
                                    "trial_ends_at_source", "present-day group properties (no history before asOf)"));
        });
    }

    @Test
    void disabledSignalsAreNeitherQueriedNorInTheLibrary() {
        SignalSettings settings = SignalSettings.defaults()
                .withTuning(
                        SignalType.SUPPORT_ENGAGEMENT,
                        SignalSettings.SignalTuning.defaultsFor(SignalType.SUPPORT_ENGAGEMENT)
                                .disabled());
        SignalCatalog catalog = SignalCatalog.of(settings, 0);

        assertThat(catalog.queries(AS_OF, Dialect.HOGQL))
                .extracting(SignalQuery::type)
                .doesNotContain(SignalType.SUPPORT_ENGAGEMENT)
                .hasSize(7)
                .isSorted();
        assertThat(catalog.library().find("signal.support_engagement")).isEmpty();
        assertThatThrownBy(() -> catalog.query(SignalType.SUPPORT_ENGAGEMENT, AS_OF, Dialect.HOGQL))
                .hasMessageContaining("disabled");
    }

    @Test
    void usesTheWorkspacesCompanyGroupIndex() {
        SignalQuery query = SignalCatalog.of(SignalSettings.defaults(), 3)
                .query(SignalType.LIMIT_APPROACHING, AS_OF, Dialect.HOGQL);

        assertThat(query.rendered().sql())
                .contains("$group_3 AS account", "group_3.properties.plan_usage")
                .doesNotContain("$group_0");
        assertThatThrownBy(() -> SignalCatalog.of(SignalSettings.defaults(), 5)).hasMessageContaining("0-4");
    }

    @Test
    void configuredEventNamesAndPatternsOnlyEverTravelAsParameters() {
        String hostile = "x' OR 1=1 --";
        EventMapping events = EventMapping.defaults();
        SignalSettings settings = SignalSettings.defaults()
                .withEvents(new EventMapping(
                        hostile,
                        List.of("%" + hostile),
                        List.of(hostile),
                        events.featureProperty(),
                        events.planUsageProperty(),
                        events.planLimitProperty(),
                        events.trialEndProperty(),
                        List.of(hostile),
                        List.of(hostile),
                        List.of(hostile)));
        SignalCatalog catalog = SignalCatalog.of(settings, 1);

        for (Dialect dialect : Dialect.values()) {
            for (SignalQuery query : catalog.queries(AS_OF, dialect)) {
                assertThat(query.rendered().sql()).doesNotContain("1=1");
            }
        }
        assertThat(catalog.query(SignalType.PRICING_INTENT, AS_OF, Dialect.HOGQL)
                        .rendered()
                        .namedValues())
                .containsEntry("pageview_event", hostile)
                .containsEntry("pricing_url_0", "%" + hostile);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void everySignalQueryRunsOnTheWarehouseForEveryGroupIndex(int companyIndex) throws Exception {
        SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), companyIndex);
        try (TestWarehouse warehouse = TestWarehouse.open()) {
            SignalRun run = catalog.run(AS_OF, Dialect.DUCKDB, query -> runUnchecked(warehouse, query), Map.of());

            assertThat(run.complete()).as("failures: %s", run.failures()).isTrue();
            assertThat(run.outcomes()).isEmpty();
        }
    }

    @Test
    void thresholdsComeFromTheSettings() {
        SignalSettings settings = SignalSettings.defaults()
                .withTuning(
                        SignalType.PRICING_INTENT,
                        SignalSettings.SignalTuning.defaultsFor(SignalType.PRICING_INTENT)
                                .withThreshold(4));
        ResultRows rows = new ResultRows(
                List.of("account", "url", "visits"),
                List.of(List.of("acme", "https://acme.io/pricing", 3), List.of("globex", "/pricing", 4)));

        List<DetectedSignal> detected = SignalCatalog.of(settings, 0).evaluate(SignalType.PRICING_INTENT, rows, AS_OF);

        assertThat(detected).extracting(DetectedSignal::accountKey).containsExactly("globex");
    }

    private static String json(String url) {
        return "{\"$current_url\": \"" + url + "\"}";
    }
}
