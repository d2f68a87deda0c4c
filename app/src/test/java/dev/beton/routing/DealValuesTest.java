package dev.beton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.signals.DetectedSignal;
import dev.beton.signals.Evidence;
import dev.beton.signals.ScoreReceipt;
import dev.beton.signals.Scorer;
import dev.beton.signals.SignalOutcome;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DealValuesTest {

    @Test
    void theKeyNamesTheInstallTheWorkspaceTheAccountAndTheEpisode() {
        assertThat(DealValues.betonKey("3f9a1c0d2b7e", 7, "acme.io", 2)).isEqualTo("beton:3f9a1c0d2b7e:w7:acme.io:2");
        assertThat(DealValues.legacyKey(7, "acme.io")).isEqualTo("beton:w7:acme.io:1");
    }

    @Test
    void theEpisodeIsTheLastSegmentEvenWhenTheAccountKeyHasColons() {
        assertThat(DealValues.episodeOf(DealValues.betonKey("ab", 1, "attio:company:42", 3)))
                .isEqualTo(3);
        assertThat(DealValues.episodeOf(DealValues.legacyKey(1, "a:b"))).isEqualTo(1);
        assertThat(DealValues.episodeOf("not a key")).isEqualTo(1);
    }

    @Test
    void aCustomSignalIsInTheDealsPqlSignalsAndItsNoteLine() {
        Instant asOf = Instant.parse("2026-11-23T06:00:00Z");
        ScoreReceipt receipt = Scorer.from(SignalSettings.defaults())
                .score(
                        "acme",
                        asOf,
                        List.of(
                                fired(SignalType.BILLING_INTENT, 40, "1 checkout", "signal.billing_intent", asOf),
                                fired(
                                        SignalType.custom("rule_12", "Power users", 30),
                                        30,
                                        "matches rule 'Power users' v3: 42 events, 6 active days, last event 1 day ago",
                                        "rule:12",
                                        asOf)));

        assertThat(DealValues.updatable(receipt, Optional.empty(), "https://beton.example/accounts/acme")
                        .get(DealValues.PQL_SIGNALS))
                .isEqualTo("billing_intent, rule_12");
        assertThat(receipt.score()).isEqualTo(80);
        assertThat(DealValues.note(receipt, Optional.empty(), "https://beton.example/accounts/acme"))
                .contains("- rule_12: +30 points. matches rule 'Power users' v3: 42 events, 6 active days,"
                        + " last event 1 day ago (definition rule:12@3)");
    }

    private static SignalOutcome fired(SignalType type, int points, String evidence, String id, Instant asOf) {
        return new SignalOutcome.Fired(new DetectedSignal(
                "acme", type, points, asOf, 1, 0, new Evidence(evidence, List.of()), id, 3, List.of()));
    }
}
