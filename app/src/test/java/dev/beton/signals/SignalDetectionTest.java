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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every signal on the embedded warehouse: fires just above its threshold, stays quiet just below,
 * and ignores events after {@code asOf}. The company group type has index 2; a decoy group of
 * type 0 sits on every event to catch a query that assumes index 0.
 */
class SignalDetectionTest {

    static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");
    static final int COMPANY = 2;
    static final String ACCOUNT = "acme";

    private final SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), COMPANY);
    private TestWarehouse warehouse;

    @BeforeEach
    void openWarehouse() throws Exception {
        warehouse = TestWarehouse.open();
    }

    @AfterEach
    void closeWarehouse() throws Exception {
        warehouse.close();
    }

    @ParameterizedTest
    @MethodSource("dev.beton.signals.SignalType#builtIns")
    void firesJustAboveThreshold(SignalType type) throws Exception {
        seed(type, true);

        List<DetectedSignal> detected = detect(type);

        assertThat(detected).singleElement().satisfies(signal -> {
            assertThat(signal.accountKey()).isEqualTo(ACCOUNT);
            assertThat(signal.type()).isEqualTo(type);
            assertThat(signal.baseScore()).isEqualTo(type.defaultBaseScore());
            assertThat(signal.evidence().summary()).isEqualTo(expectedEvidence(type));
            assertThat(signal.definitionReference())
                    .isEqualTo(catalog.library().get("signal." + type.key()).reference());
            assertThat(signal.windows()).allSatisfy(w -> assertThat(w.end()).isBeforeOrEqualTo(AS_OF));
            assertThat(signal.windows()).anySatisfy(w -> assertThat(w.end()).isEqualTo(AS_OF));
        });
    }

    @ParameterizedTest
    @MethodSource("dev.beton.signals.SignalType#builtIns")
    void staysQuietJustBelowThreshold(SignalType type) throws Exception {
        seed(type, false);

        assertThat(detect(type)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.beton.signals.SignalType#builtIns")
    void eventsAfterAsOfChangeNothing(SignalType type) throws Exception {
        seed(type, false);
        List<DetectedSignal> quiet = detect(type);
        seedFuture(type);
        assertThat(detect(type)).isEqualTo(quiet).isEmpty();

        warehouse.close();
        warehouse = TestWarehouse.open();
        seed(type, true);
        List<DetectedSignal> firing = detect(type);
        seedFuture(type);
        assertThat(detect(type)).isEqualTo(firing).hasSize(1);
    }

    @Test
    void limitApproachingReadsPlanUsageAsRecordedBeforeAsOf() throws Exception {
        warehouse.group(COMPANY, ACCOUNT, "{\"plan_usage\": 100, \"plan_limit\": 1000}");
        groupIdentify(AS_OF.minus(Duration.ofDays(40)), "{\"plan_usage\": 500, \"plan_limit\": 1000}");
        groupIdentify(AS_OF.minus(Duration.ofDays(3)), "{\"plan_usage\": 900}");
        event("report_viewed", "ann", daysBefore(1), "{}");
        List<DetectedSignal> asRecorded = detect(SignalType.LIMIT_APPROACHING);

        groupIdentify(AS_OF.plusSeconds(60), "{\"plan_usage\": 10, \"plan_limit\": 1000000}");

        assertThat(detect(SignalType.LIMIT_APPROACHING)).isEqualTo(asRecorded);
        assertThat(asRecorded).singleElement().satisfies(signal -> {
            assertThat(signal.evidence().summary()).isEqualTo("plan usage 900 of 1000 (90 %)");
            assertThat(signal.evidence().facts())
                    .contains(new Evidence.Fact("plan_usage_source", "$groupidentify before asOf"));
        });
    }

    @Test
    void trialExpiringReadsTheTrialEndAsRecordedBeforeAsOf() throws Exception {
        Instant recordedEnd = AS_OF.plus(Duration.ofDays(3));
        warehouse.group(COMPANY, ACCOUNT, "{\"trial_ends_at\": \"" + AS_OF.plus(Duration.ofDays(60)) + "\"}");
        groupIdentify(AS_OF.minus(Duration.ofDays(20)), "{\"trial_ends_at\": \"" + recordedEnd + "\"}");
        repeat("report_viewed", "ann", daysBefore(1), 3);
        List<DetectedSignal> asRecorded = detect(SignalType.TRIAL_EXPIRING);

        groupIdentify(AS_OF.plusSeconds(60), "{\"trial_ends_at\": \"" + AS_OF.plus(Duration.ofDays(90)) + "\"}");

        assertThat(detect(SignalType.TRIAL_EXPIRING)).isEqualTo(asRecorded);
        assertThat(asRecorded).singleElement().satisfies(signal -> assertThat(signal.measure())
                .isEqualTo(3.0));
    }

    private void groupIdentify(Instant at, String groupSet) throws Exception {
        warehouse.event(
                "$groupidentify",
                "ann",
                at,
                "{\"$group_type\": \"company\", \"$group_key\": \"" + ACCOUNT + "\", \"$group_set\": " + groupSet
                        + "}");
    }

    private List<DetectedSignal> detect(SignalType type) throws Exception {
        SignalQuery query = catalog.query(type, AS_OF, Dialect.DUCKDB);
        return catalog.evaluate(query, warehouse.run(query.rendered()));
    }

    static String expectedEvidence(SignalType type) {
        return switch (type.key()) {
            case "usage_spike" -> "usage 31 vs 20 events, +55 %";
            case "pricing_intent" -> "2 pricing visits in 7 days: /pricing ×1, /pricing/enterprise ×1";
            case "feature_adoption" -> "3 new features in 7 days: export, reports, sso";
            case "limit_approaching" -> "plan usage 801 of 1000 (80.1 %)";
            case "trial_expiring" -> "trial ends 2026-11-30T05:00:00Z (6 d 23 h left), 3 events in the last 7 days";
            case "team_growth" -> "2 new users in 7 days: new-1@acme.io, new-2@acme.io";
            case "support_engagement" ->
                "3 support interactions in 7 days:" + " intercom_conversation_started ×2, intercom_message_sent ×1";
            case "billing_intent" -> "1 checkout/upgrade event in 7 days: checkout_started ×1";
            default -> throw new IllegalArgumentException("Not a built-in: " + type.key());
        };
    }

    /** Just above the default threshold when {@code above}, just below otherwise. */
    private void seed(SignalType type, boolean above) throws Exception {
        switch (type.key()) {
            case "usage_spike" -> {
                repeat("report_viewed", "ann", daysBefore(10), 20);
                repeat("report_viewed", "ann", daysBefore(2), above ? 31 : 30);
                repeat("beton_signal_fired", "beton", daysBefore(1), 10); // not usage
            }
            case "pricing_intent" -> {
                pageview("https://acme.io/pricing?ref=nav", daysBefore(1));
                pageview(above ? "https://acme.io/pricing/enterprise" : "https://acme.io/docs", daysBefore(2));
            }
            case "feature_adoption" -> {
                feature("export", daysBefore(1));
                feature("reports", daysBefore(2));
                feature("sso", daysBefore(3));
                if (!above) {
                    feature("sso", daysBefore(20)); // used before this week: not new
                }
            }
            case "limit_approaching" -> {
                groupIdentify(daysBefore(10), "{\"plan_usage\": " + (above ? 801 : 800) + ", \"plan_limit\": 1000}");
                warehouse.group(0, "decoy", "{\"plan_usage\": 999, \"plan_limit\": 1000}");
                event("report_viewed", "ann", daysBefore(5), "{}");
            }
            case "trial_expiring" -> {
                Instant end = AS_OF.plus(above ? Duration.ofDays(7).minusHours(1) : Duration.ofDays(7));
                groupIdentify(daysBefore(10), "{\"trial_ends_at\": \"" + end + "\"}");
                repeat("report_viewed", "ann", daysBefore(1), 3);
            }
            case "team_growth" -> {
                event("report_viewed", "old@acme.io", daysBefore(30), "{}");
                event("report_viewed", "old@acme.io", daysBefore(1), "{}");
                event("report_viewed", "new-1@acme.io", daysBefore(2), "{}");
                if (above) {
                    event("report_viewed", "new-2@acme.io", daysBefore(3), "{}");
                }
            }
            case "support_engagement" -> {
                repeat("intercom_conversation_started", "ann", daysBefore(1), 2);
                event("intercom_message_sent", "ann", above ? daysBefore(6) : daysBefore(8), "{}");
            }
            case "billing_intent" -> {
                event("checkout_started", "ann", above ? daysBefore(6) : daysBefore(8), "{}");
                event("report_viewed", "ann", daysBefore(1), "{}");
            }
        }
    }

    /** Events after asOf that would push the account (or another one) over the threshold if they were seen. */
    private void seedFuture(SignalType type) throws Exception {
        Instant later = AS_OF.plusSeconds(60);
        switch (type.key()) {
            case "usage_spike" -> repeat("report_viewed", "ann", later, 50);
            case "pricing_intent" -> {
                pageview("https://acme.io/pricing", AS_OF);
                pageview("https://acme.io/pricing", later);
            }
            case "feature_adoption" -> {
                feature("billing", later);
                feature("audit", later);
            }
            case "limit_approaching" -> {
                warehouse.group(COMPANY, "late", "{\"plan_usage\": 990, \"plan_limit\": 1000}");
                warehouse.event("report_viewed", "lee", later, "{}", "decoy", null, "late");
                event("report_viewed", "ann", later, "{}");
            }
            case "trial_expiring" -> {
                warehouse.group(COMPANY, "late", "{\"trial_ends_at\": \"" + AS_OF.plus(Duration.ofDays(2)) + "\"}");
                for (int i = 0; i < 5; i++) {
                    warehouse.event("report_viewed", "lee", later, "{}", "decoy", null, "late");
                }
                repeat("report_viewed", "ann", later, 5);
            }
            case "team_growth" -> {
                event("report_viewed", "new-3@acme.io", later, "{}");
                event("report_viewed", "new-4@acme.io", later, "{}");
            }
            case "support_engagement" -> repeat("intercom_message_sent", "ann", later, 5);
            case "billing_intent" -> repeat("upgrade_started", "ann", later, 2);
        }
    }

    private static Instant daysBefore(int days) {
        return AS_OF.minus(Duration.ofDays(days));
    }

    private void event(String event, String user, Instant at, String properties) throws Exception {
        warehouse.event(event, user, at, properties, "decoy", null, ACCOUNT);
    }

    private void repeat(String event, String user, Instant at, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            event(event, user, at.plusSeconds(i), "{}");
        }
    }

    private void pageview(String url, Instant at) throws Exception {
        event("$pageview", "ann", at, "{\"$current_url\": \"" + url + "\"}");
    }

    private void feature(String feature, Instant at) throws Exception {
        event("feature_used", "ann", at, "{\"feature\": \"" + feature + "\"}");
    }
}
