package dev.beton.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.detection.StoredSignal;
import dev.beton.signals.Evidence;
import dev.beton.signals.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The account page in words: the one-line summary and one history row per cooldown episode. */
class AccountWordsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
    private static final Instant FIRED = NOW.minus(Duration.ofDays(3));

    @Test
    void summarisesTheLatestDetectionInWords() {
        List<StoredSignal> history = List.of(
                signal(SignalType.TEAM_GROWTH, "fired", NOW, 2, Optional.empty()),
                signal(SignalType.FEATURE_ADOPTION, "fired", NOW, 4, Optional.empty()),
                signal(SignalType.PRICING_INTENT, "suppressed", NOW, 6, Optional.of(FIRED)),
                signal(SignalType.TRIAL_EXPIRING, "fired", NOW, 3.2, Optional.empty()),
                signal(SignalType.PRICING_INTENT, "fired", FIRED, 2, Optional.empty()));

        assertThat(AccountSummary.of(history, NOW))
                .isEqualTo("2 new users, 4 new features and 6 pricing-page visits this week; trial ends in 3 days.");
        assertThat(AccountSummary.of(history, NOW.plusSeconds(1))).isEqualTo("No signal in the latest detection.");
    }

    @Test
    void showsOneRowPerCooldownEpisodeNotOnePerRun() {
        List<StoredSignal> newestFirst = List.of(
                signal(SignalType.PRICING_INTENT, "suppressed", NOW, 3, Optional.of(FIRED)),
                signal(SignalType.PRICING_INTENT, "suppressed", NOW.minus(Duration.ofDays(1)), 3, Optional.of(FIRED)),
                signal(SignalType.BILLING_INTENT, "fired", NOW.minus(Duration.ofDays(1)), 1, Optional.empty()),
                signal(SignalType.PRICING_INTENT, "suppressed", NOW.minus(Duration.ofDays(2)), 2, Optional.of(FIRED)),
                signal(SignalType.PRICING_INTENT, "fired", FIRED, 2, Optional.empty()));

        List<HistoryEpisode> rows = HistoryEpisode.of(newestFirst);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).signal().asOf()).isEqualTo(NOW);
        assertThat(rows.get(0).repeats()).isEqualTo(3);
        assertThat(rows.get(0).since()).isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(rows.get(1).signal().type()).isEqualTo(SignalType.BILLING_INTENT);
        assertThat(rows.get(2).signal().fired()).isTrue();
    }

    private static StoredSignal signal(
            SignalType type, String status, Instant asOf, double measure, Optional<Instant> lastFired) {
        return new StoredSignal(
                1,
                1,
                "acme.io",
                type,
                status,
                asOf,
                type.defaultBaseScore(),
                measure,
                type.defaultThreshold(),
                "signal." + type.key() + "@1",
                new Evidence("evidence", List.of()),
                lastFired,
                lastFired.map(f -> f.plus(Duration.ofDays(7))));
    }
}
