package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.detection.SignalHealthCheck.WarehouseFacts;
import dev.beton.signals.EventMapping;
import dev.beton.signals.SignalType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Why a signal cannot fire, in one sentence, with a mapping suggestion when one is likely. */
class SignalHealthRulesTest {

    private static final EventMapping INTERCOM_ONLY = new EventMapping(
            "$pageview",
            List.of("%/pricing%"),
            List.of("feature_used"),
            "feature",
            "plan_usage",
            "plan_limit",
            "trial_ends_at",
            List.of("intercom_conversation_started", "intercom_message_sent"),
            List.of("checkout_started"),
            List.of("beton_signal_fired"));

    @Test
    void suggestsTheWorkspacesOwnSupportEventWhenTheMappedOnesAreMissing() {
        WarehouseFacts facts = new WarehouseFacts(
                Map.of("support_message_sent", 40L, "support_conversation_closed", 3L, "feature_used", 10L),
                true,
                5,
                Map.of("plan_usage", 3L, "plan_limit", 3L, "trial_ends_at", 0L));

        assertThat(SignalHealthRules.problem(SignalType.SUPPORT_ENGAGEMENT, INTERCOM_ONLY, facts))
                .contains("No events named intercom_conversation_started, intercom_message_sent in the last 30 days;"
                        + " your events include support_message_sent — map it?");
        assertThat(SignalHealthRules.problem(SignalType.FEATURE_ADOPTION, INTERCOM_ONLY, facts))
                .isEmpty();
        assertThat(SignalHealthRules.problem(SignalType.LIMIT_APPROACHING, INTERCOM_ONLY, facts))
                .isEmpty();
        assertThat(SignalHealthRules.problem(SignalType.TRIAL_EXPIRING, INTERCOM_ONLY, facts))
                .hasValueSatisfying(s -> assertThat(s).startsWith("No company group has the property trial_ends_at"));
        assertThat(SignalHealthRules.problem(SignalType.BILLING_INTENT, INTERCOM_ONLY, facts))
                .contains("No events named checkout_started in the last 30 days.");
    }

    @Test
    void saysWhenNothingCanFireAtAll() {
        WarehouseFacts empty = new WarehouseFacts(Map.of(), false, 0, Map.of());
        assertThat(SignalHealthRules.problem(SignalType.USAGE_SPIKE, INTERCOM_ONLY, empty))
                .contains("No events arrived in the last 30 days, so no signal can fire.");
        WarehouseFacts noGroups = new WarehouseFacts(Map.of("signed_up", 3L), false, 0, Map.of());
        assertThat(SignalHealthRules.problem(SignalType.TEAM_GROWTH, INTERCOM_ONLY, noGroups))
                .hasValueSatisfying(s -> assertThat(s).contains("company group"));
    }
}
