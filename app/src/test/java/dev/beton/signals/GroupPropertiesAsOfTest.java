package dev.beton.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.query.Dialect;
import dev.beton.query.TestWarehouse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three rules for group properties as of {@code asOf} (issue 19 §1): the last value recorded
 * before asOf; a recorded null or "" unsets, a recorded non-number is not a number (no older value
 * shines through); nothing recorded means unknown, never the current value, unless the catalog is
 * told it runs as of the present, and then the evidence and the receipt say so.
 */
class GroupPropertiesAsOfTest {

    static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");
    static final int COMPANY = 2;
    static final String ACCOUNT = "acme";

    private final SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), COMPANY);
    private TestWarehouse warehouse;

    @BeforeEach
    void openWarehouse() throws Exception {
        warehouse = TestWarehouse.open();
        event("report_viewed", daysBefore(1));
        for (int i = 0; i < 3; i++) {
            event("report_viewed", daysBefore(2).plusSeconds(i));
        }
    }

    @AfterEach
    void closeWarehouse() throws Exception {
        warehouse.close();
    }

    @Test
    void theLastValueRecordedBeforeAsOfIsUsedPropertyByProperty() throws Exception {
        groupIdentify(daysBefore(40), "{\"plan_usage\": 100, \"plan_limit\": 1000}");
        groupIdentify(daysBefore(3), "{\"plan_usage\": 950}"); // names usage only: the limit stays
        groupIdentify(AS_OF, "{\"plan_usage\": 10}"); // at asOf: not before it

        assertThat(detect(catalog, SignalType.LIMIT_APPROACHING))
                .singleElement()
                .satisfies(signal -> {
                    assertThat(signal.evidence().summary()).isEqualTo("plan usage 950 of 1000 (95 %)");
                    assertThat(signal.evidence().facts())
                            .contains(new Evidence.Fact("plan_usage_source", "$groupidentify before asOf"));
                });
    }

    @Test
    void aRecordedNullOrEmptyValueUnsetsThePropertyFromThenOn() throws Exception {
        groupIdentify(daysBefore(40), "{\"plan_usage\": 950, \"plan_limit\": 1000}");
        groupIdentify(daysBefore(3), "{\"plan_usage\": null}");
        assertThat(detect(catalog, SignalType.LIMIT_APPROACHING)).isEmpty();

        groupIdentify(daysBefore(2), "{\"plan_usage\": 960}");
        assertThat(detect(catalog, SignalType.LIMIT_APPROACHING)).hasSize(1);

        groupIdentify(daysBefore(1), "{\"plan_usage\": \"\"}");
        assertThat(detect(catalog, SignalType.LIMIT_APPROACHING)).isEmpty();
    }

    @Test
    void aRecordedTrialEndOfNullMeansNoTrialNotTheEarlierEnd() throws Exception {
        groupIdentify(daysBefore(10), "{\"trial_ends_at\": \"" + AS_OF.plus(Duration.ofDays(2)) + "\"}");
        assertThat(detect(catalog, SignalType.TRIAL_EXPIRING)).hasSize(1);

        groupIdentify(daysBefore(1), "{\"trial_ends_at\": null}");
        assertThat(detect(catalog, SignalType.TRIAL_EXPIRING)).isEmpty();
    }

    @Test
    void aRecordedValueThatIsNotANumberIsNotANumberNotTheLastNumberBeforeIt() throws Exception {
        groupIdentify(daysBefore(40), "{\"plan_usage\": 950, \"plan_limit\": 1000}");
        groupIdentify(daysBefore(3), "{\"plan_usage\": \"lots\"}");

        assertThat(detect(catalog, SignalType.LIMIT_APPROACHING)).isEmpty();
    }

    @Test
    void nothingRecordedBeforeAsOfIsUnknownNotTheCurrentValue() throws Exception {
        warehouse.group(
                COMPANY,
                ACCOUNT,
                "{\"plan_usage\": 990, \"plan_limit\": 1000, \"trial_ends_at\": \"" + AS_OF.plus(Duration.ofDays(2))
                        + "\"}");
        groupIdentify(AS_OF.plusSeconds(1), "{\"plan_usage\": 990, \"plan_limit\": 1000}"); // after asOf

        assertThat(detect(catalog, SignalType.LIMIT_APPROACHING)).isEmpty();
        assertThat(detect(catalog, SignalType.TRIAL_EXPIRING)).isEmpty();
    }

    @Test
    void aLiveRunMayUsePresentDayValuesWhereNoHistoryExistsAndSaysSo() throws Exception {
        warehouse.group(COMPANY, ACCOUNT, "{\"plan_usage\": 990, \"plan_limit\": 1000}");
        SignalCatalog live = catalog.withPresentDayValues();

        List<DetectedSignal> detected = detect(live, SignalType.LIMIT_APPROACHING);

        assertThat(detected).singleElement().satisfies(signal -> {
            assertThat(signal.evidence().summary())
                    .isEqualTo("plan usage 990 of 1000 (99 %) [present-day value: no history before asOf]");
            assertThat(signal.evidence().facts())
                    .contains(new Evidence.Fact(
                            "plan_usage_source", "present-day group properties (no history before asOf)"));
        });
        ScoreReceipt receipt = Scorer.from(SignalSettings.defaults())
                .score(ACCOUNT, AS_OF, List.of(new SignalOutcome.Fired(detected.getFirst())));
        assertThat(receipt.explanation().getFirst()).contains("[present-day value: no history before asOf]");
    }

    @Test
    void aLiveRunStillPrefersTheRecordedUnsetOverThePresentDayValue() throws Exception {
        warehouse.group(COMPANY, ACCOUNT, "{\"plan_usage\": 990, \"plan_limit\": 1000}");
        groupIdentify(daysBefore(3), "{\"plan_usage\": null, \"plan_limit\": 1000}");

        assertThat(detect(catalog.withPresentDayValues(), SignalType.LIMIT_APPROACHING))
                .isEmpty();
    }

    private List<DetectedSignal> detect(SignalCatalog catalog, SignalType type) throws Exception {
        SignalQuery query = catalog.query(type, AS_OF, Dialect.DUCKDB);
        return catalog.evaluate(query, warehouse.run(query.rendered()));
    }

    private void groupIdentify(Instant at, String groupSet) throws Exception {
        warehouse.event(
                "$groupidentify",
                "company:" + ACCOUNT,
                at,
                "{\"$group_type\": \"company\", \"$group_key\": \"" + ACCOUNT + "\", \"$group_set\": " + groupSet
                        + "}");
    }

    private void event(String event, Instant at) throws Exception {
        warehouse.event(event, "ann", at, "{}", "decoy", null, ACCOUNT);
    }

    private static Instant daysBefore(int days) {
        return AS_OF.minus(Duration.ofDays(days));
    }
}
