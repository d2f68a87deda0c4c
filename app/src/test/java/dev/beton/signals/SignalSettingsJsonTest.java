package dev.beton.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Settings are stored and served as JSON by other features; they must survive the round trip. */
class SignalSettingsJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void roundTripsThroughJsonWithSignalKeysAsNames() {
        SignalSettings settings = SignalSettings.defaults()
                .withTuning(
                        SignalType.PRICING_INTENT,
                        SignalSettings.SignalTuning.defaultsFor(SignalType.PRICING_INTENT)
                                .withThreshold(4));

        String text = json.writeValueAsString(settings);
        SignalSettings back = json.readValue(text, SignalSettings.class);

        assertThat(back).isEqualTo(settings);
        assertThat(text).contains("\"pricing_intent\"");
    }
}
