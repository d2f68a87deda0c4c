package dev.beton.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Seed 003's JSON in and out; a wrong value is reported with its field. */
class RuleJsonTest {

    @Test
    void theExamplesRoundTripInTheSeedsShape() {
        for (InspectionRule example : ExampleRules.all()) {
            String json = RuleJson.write(example);
            assertThat(json).contains("\"time_window_days\"").contains("\"scoring_weights\"");
            assertThat(RuleJson.parse(json)).isEqualTo(example);
        }
    }

    @Test
    void weightsLeftOutTakeTheSeedsDefaults() {
        InspectionRule rule = RuleJson.parse("{\"name\": \"r\", \"level\": \"user\", \"time_window_days\": 7,"
                + " \"scoring_weights\": {\"recency_weight\": 0.25}}");
        assertThat(rule.scoringWeights()).isEqualTo(new InspectionRule.Weights(1.0, 2.0, 0.25));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        assertThatThrownBy(() -> RuleJson.parse("{\"name\": \"r\", \"level\": \"user\", \"time_window_days\": 7,"
                        + " \"conditions\": {\"event_names\": [\"a\", {\"b\": 1}]}}"))
                .isInstanceOfSatisfying(
                        InvalidRule.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("conditions.event_names[1]"));
    }

    @Test
    void accountConditionsOnAUserRuleAndABadPropertyNameAreRefused() {
        assertThatThrownBy(() -> RuleJson.parse("{\"name\": \"r\", \"level\": \"user\", \"time_window_days\": 7,"
                        + " \"conditions\": {\"min_active_users\": 2, \"event_property_filters\": {\"a'b\": \"x\"}}}"))
                .isInstanceOfSatisfying(InvalidRule.class, e -> assertThat(e.problems())
                        .extracting(RuleProblem::field)
                        .containsExactly("conditions.min_active_users", "conditions.event_property_filters.a'b"));
    }
}
