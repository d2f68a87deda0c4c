package dev.beton.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.query.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CooldownPolicyTest {

    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");
    private final CooldownPolicy policy = CooldownPolicy.from(SignalSettings.defaults());

    @Test
    void firesWhenTheAccountNeverFiredThisType() {
        List<SignalOutcome> outcomes = policy.apply(List.of(signal("acme", SignalType.PRICING_INTENT)), Map.of());

        assertThat(outcomes).singleElement().isInstanceOf(SignalOutcome.Fired.class);
    }

    @Test
    void suppressesInsideTheCooldownAndFiresOnceItHasPassed() {
        Duration cooldown = policy.cooldown(SignalType.PRICING_INTENT);
        DetectedSignal signal = signal("acme", SignalType.PRICING_INTENT);
        CooldownKey key = new CooldownKey("acme", SignalType.PRICING_INTENT);

        SignalOutcome inside = policy.apply(
                        List.of(signal), Map.of(key, AS_OF.minus(cooldown).plusSeconds(1)))
                .get(0);
        SignalOutcome atEnd = policy.apply(List.of(signal), Map.of(key, AS_OF.minus(cooldown)))
                .get(0);

        assertThat(inside).isInstanceOfSatisfying(SignalOutcome.Suppressed.class, s -> assertThat(s.cooldownEndsAt())
                .isEqualTo(AS_OF.plusSeconds(1)));
        assertThat(atEnd).isInstanceOf(SignalOutcome.Fired.class);
    }

    @Test
    void cooldownIsPerAccountAndType() {
        Map<CooldownKey, Instant> lastFired =
                Map.of(new CooldownKey("acme", SignalType.PRICING_INTENT), AS_OF.minus(Duration.ofDays(1)));

        List<SignalOutcome> outcomes = policy.apply(
                List.of(
                        signal("globex", SignalType.PRICING_INTENT),
                        signal("acme", SignalType.USAGE_SPIKE),
                        signal("acme", SignalType.PRICING_INTENT)),
                lastFired);

        assertThat(outcomes)
                .extracting(o -> o.signal().accountKey() + "/"
                        + o.signal().type().key() + "/" + o.getClass().getSimpleName())
                .containsExactly(
                        "acme/usage_spike/Fired", "acme/pricing_intent/Suppressed", "globex/pricing_intent/Fired");
    }

    @Test
    void ignoresFiringsAfterAsOfSoThatBacktestsAreNotSilencedByTheirFuture() {
        Map<CooldownKey, Instant> lastFired =
                Map.of(new CooldownKey("acme", SignalType.PRICING_INTENT), AS_OF.plus(Duration.ofDays(1)));

        assertThat(policy.apply(List.of(signal("acme", SignalType.PRICING_INTENT)), lastFired))
                .singleElement()
                .isInstanceOf(SignalOutcome.Fired.class);
    }

    @Test
    void rerunningTheSameAsOfReproducesTheSameFiring() {
        Map<CooldownKey, Instant> firedByThisRun = Map.of(new CooldownKey("acme", SignalType.PRICING_INTENT), AS_OF);

        assertThat(policy.apply(List.of(signal("acme", SignalType.PRICING_INTENT)), firedByThisRun))
                .singleElement()
                .isInstanceOf(SignalOutcome.Fired.class);
    }

    @Test
    void cooldownsAreConfigurablePerType() {
        SignalSettings settings = SignalSettings.defaults()
                .withTuning(
                        SignalType.BILLING_INTENT,
                        SignalSettings.SignalTuning.defaultsFor(SignalType.BILLING_INTENT)
                                .withCooldown(Duration.ZERO));
        CooldownPolicy noCooldown = CooldownPolicy.from(settings);
        Map<CooldownKey, Instant> justFired =
                Map.of(new CooldownKey("acme", SignalType.BILLING_INTENT), AS_OF.minusSeconds(1));

        assertThat(noCooldown.apply(List.of(signal("acme", SignalType.BILLING_INTENT)), justFired))
                .singleElement()
                .isInstanceOf(SignalOutcome.Fired.class);
    }

    static DetectedSignal signal(String account, SignalType type) {
        return new DetectedSignal(
                account,
                type,
                type.defaultBaseScore(),
                AS_OF,
                5,
                type.defaultThreshold(),
                new Evidence(type.key() + " evidence", List.of()),
                "signal." + type.key(),
                1,
                List.of(TimeWindow.lastDays(7).resolve(AS_OF)));
    }
}
