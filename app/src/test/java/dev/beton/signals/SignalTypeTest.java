package dev.beton.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The eight PRD types are what they were as an enum; custom types (promoted rules) come after them. */
class SignalTypeTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theEightBuiltInsKeepTheirKeysOrderAndDefaults() {
        assertThat(SignalType.builtIns())
                .extracting(SignalType::key)
                .containsExactly(
                        "usage_spike",
                        "pricing_intent",
                        "feature_adoption",
                        "limit_approaching",
                        "trial_expiring",
                        "team_growth",
                        "support_engagement",
                        "billing_intent");
        assertThat(SignalType.builtIns())
                .extracting(SignalType::defaultBaseScore)
                .containsExactly(25, 30, 20, 35, 30, 25, 15, 40);
        assertThat(SignalType.builtIns())
                .extracting(SignalType::defaultThreshold)
                .containsExactly(50, 2, 3, 80, 7, 2, 3, 1);
        assertThat(SignalType.TRIAL_EXPIRING.defaultCooldown()).isEqualTo(Duration.ofDays(14));
        assertThat(SignalType.builtIns()).allMatch(SignalType::isBuiltIn);
        assertThat(SignalType.fromKey("pricing_intent")).isSameAs(SignalType.PRICING_INTENT);
        assertThat(SignalType.PRICING_INTENT.thresholdMeaning())
                .isEqualTo("fires when pricing page views in the last 7 days is at least the threshold");
        assertThat(SignalType.USAGE_SPIKE).hasToString("USAGE_SPIKE");
    }

    @Test
    void aCustomTypeHasItsLabelAndBaseScoreAndNoThreshold() {
        SignalType custom = SignalType.custom(SignalType.customKey(12), "  Power users ", 30);

        assertThat(custom.key()).isEqualTo("rule_12");
        assertThat(custom.label()).isEqualTo("Power users");
        assertThat(custom.defaultBaseScore()).isEqualTo(30);
        assertThat(custom.isBuiltIn()).isFalse();
        assertThat(custom.passes(-3.5, 0))
                .as("on the punch list is the condition")
                .isTrue();
        assertThat(custom.thresholdMeaning()).contains("punch list");
        assertThat(custom).isEqualTo(SignalType.fromKey("rule_12")).hasSameHashCodeAs(SignalType.fromKey("rule_12"));
        assertThat(SignalType.custom("rule_12", "", 5).label()).isEqualTo("rule_12");
    }

    @Test
    void badCustomKeysAndScoresAreRefusedInWords() {
        assertThatThrownBy(() -> SignalType.custom("pricing_intent", "x", 10)).hasMessageContaining("\"rule_\"");
        assertThatThrownBy(() -> SignalType.custom("rule_Bad!", "x", 10)).hasMessageContaining("\"rule_\"");
        assertThatThrownBy(() -> SignalType.custom("rule_1", "x", 51)).hasMessageContaining("1 to 50");
        assertThatThrownBy(() -> SignalType.custom("rule_1", "x", 0)).hasMessageContaining("1 to 50");
        assertThatThrownBy(() -> SignalType.customKey(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> SignalType.fromKey("no_such_signal")).hasMessageContaining("Unknown signal type");
    }

    @Test
    void builtInsSortInThePrdsOrderThenCustomTypesByKey() {
        List<SignalType> sorted = new java.util.ArrayList<>(List.of(
                SignalType.custom("rule_9", "b", 1),
                SignalType.BILLING_INTENT,
                SignalType.custom("rule_10", "a", 1),
                SignalType.USAGE_SPIKE));
        sorted.sort(null);

        assertThat(sorted)
                .extracting(SignalType::key)
                .containsExactly("usage_spike", "billing_intent", "rule_10", "rule_9");
    }

    @Test
    void jsonCarriesTheKeyAndReadsBackBuiltInsAndUnknownRuleTypes() {
        Map<SignalType, Integer> byType = new TreeMap<>();
        byType.put(SignalType.PRICING_INTENT, 1);
        byType.put(SignalType.custom("rule_4", "Power users", 20), 2);

        String text = json.writeValueAsString(List.of(SignalType.PRICING_INTENT, SignalType.custom("rule_4", "x", 20)));
        assertThat(text).isEqualTo("[\"pricing_intent\",\"rule_4\"]");
        assertThat(json.readValue(text, new TypeReference<List<SignalType>>() {}))
                .containsExactly(SignalType.PRICING_INTENT, SignalType.fromKey("rule_4"));
        String keyed = json.writeValueAsString(byType);
        assertThat(keyed).isEqualTo("{\"pricing_intent\":1,\"rule_4\":2}");
        assertThat(json.readValue(keyed, new TypeReference<Map<SignalType, Integer>>() {}))
                .containsEntry(SignalType.fromKey("rule_4"), 2)
                .containsEntry(SignalType.PRICING_INTENT, 1);
        // A receipt line of a rule promoted (or deleted) elsewhere still reads back.
        assertThat(json.readValue("\"rule_77\"", SignalType.class).key()).isEqualTo("rule_77");
    }
}
