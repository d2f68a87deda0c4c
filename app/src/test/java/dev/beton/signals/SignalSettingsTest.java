package dev.beton.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalSettingsTest {

    @Test
    void defaultsCarryThePrdsBaseScoresAndThresholds() {
        SignalSettings defaults = SignalSettings.defaults();

        assertThat(defaults.errors()).isEmpty();
        assertThat(SignalType.builtIns())
                .extracting(type -> defaults.tuning(type).baseScore())
                .containsExactly(25, 30, 20, 35, 30, 25, 15, 40);
        assertThat(SignalType.builtIns())
                .extracting(type -> defaults.tuning(type).threshold())
                .containsExactly(50, 2, 3, 80, 7, 2, 3, 1);
        assertThat(defaults.routingThreshold()).isEqualTo(60);
        assertThat(defaults.hotThreshold()).isEqualTo(70);
        assertThat(defaults.events().pageviewEvent()).isEqualTo("$pageview");
    }

    @Test
    void reportsEveryOffendingFieldByPath() {
        SignalSettings settings = SignalSettings.defaults()
                .withTuning(
                        SignalType.PRICING_INTENT,
                        SignalSettings.SignalTuning.defaultsFor(SignalType.PRICING_INTENT)
                                .withBaseScore(101)
                                .withThreshold(0)
                                .withCooldown(Duration.ofDays(-1)))
                .withThresholds(-1, 101)
                .withEvents(new EventMapping(
                        " ",
                        List.of(),
                        List.of("feature_used"),
                        "feature'); DROP TABLE events; --",
                        "plan_usage",
                        "plan_limit",
                        "trial_ends_at",
                        List.of("intercom_conversation_started", ""),
                        List.of("checkout_started"),
                        List.of()));

        assertThat(settings.errors())
                .extracting(SettingsError::field)
                .containsExactly(
                        "events.pageviewEvent",
                        "events.pricingUrlPatterns",
                        "events.featureProperty",
                        "events.supportEvents[1]",
                        "signals.pricing_intent.baseScore",
                        "signals.pricing_intent.threshold",
                        "signals.pricing_intent.cooldown",
                        "routingThreshold",
                        "hotThreshold");
        assertThatThrownBy(settings::validated)
                .isInstanceOf(InvalidSignalSettings.class)
                .hasMessageContaining("signals.pricing_intent.baseScore: must be between 0 and 100, got 101")
                .hasMessageContaining("events.featureProperty");
    }

    @Test
    void thresholdRangesFollowTheSignalsUnit() {
        SignalSettings percentOver100 = SignalSettings.defaults()
                .withTuning(
                        SignalType.LIMIT_APPROACHING,
                        SignalSettings.SignalTuning.defaultsFor(SignalType.LIMIT_APPROACHING)
                                .withThreshold(101));

        assertThat(percentOver100.errors())
                .containsExactly(
                        new SettingsError("signals.limit_approaching.threshold", "must be between 1 and 100, got 101"));
    }

    @Test
    void explainsThatPricingPatternsMatchTheFullUrl() {
        EventMapping events = EventMapping.defaults();
        SignalSettings settings = SignalSettings.defaults()
                .withEvents(new EventMapping(
                        events.pageviewEvent(),
                        List.of("%/pricing%", "/plans"),
                        events.featureEvents(),
                        events.featureProperty(),
                        events.planUsageProperty(),
                        events.planLimitProperty(),
                        events.trialEndProperty(),
                        events.supportEvents(),
                        events.billingEvents(),
                        events.usageIgnoredEvents()));

        assertThat(settings.errors())
                .containsExactly(new SettingsError(
                        "events.pricingUrlPatterns[1]",
                        "'/plans' is matched against the full URL; start it with % to match a path, e.g. %/plans%"));
    }

    @Test
    void reportsAMissingSignalTuning() {
        SignalSettings missing =
                new SignalSettings(EventMapping.defaults(), Map.of(), SignalSettings.Baselines.defaults(), 60, 70);

        assertThat(missing.errors())
                .hasSize(SignalType.builtIns().size())
                .first()
                .satisfies(e -> assertThat(e.field()).isEqualTo("signals.usage_spike"));
    }

    @Test
    void catalogRefusesInvalidSettings() {
        SignalSettings invalid = SignalSettings.defaults().withThresholds(60, 500);

        assertThatThrownBy(() -> SignalCatalog.of(invalid, 0)).isInstanceOf(InvalidSignalSettings.class);
    }
}
