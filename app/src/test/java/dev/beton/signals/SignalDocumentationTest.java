package dev.beton.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.query.QueryDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/SIGNAL-DEFINITIONS.md states each signal's defaults and version; this keeps it from drifting. */
class SignalDocumentationTest {

    private static final String DOC = read();

    private static String read() {
        try {
            return Files.readString(Path.of("../docs/SIGNAL-DEFINITIONS.md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.beton.signals.SignalType#builtIns")
    void documentsTheSignalsDefaultsAndCurrentVersion(SignalType type) {
        SignalSettings.SignalTuning tuning = SignalSettings.defaults().tuning(type);
        QueryDefinition definition =
                SignalCatalog.of(SignalSettings.defaults(), 0).library().get("signal." + type.key());

        String row = DOC.lines()
                .filter(line -> line.contains("`" + definition.reference() + "`"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No table row for " + definition.reference()));
        assertThat(row)
                .contains("| " + tuning.baseScore() + " |")
                .containsPattern("\\D" + tuning.threshold() + "\\D")
                .contains("| " + tuning.cooldown().toDays() + " days |");
        assertThat(DOC).contains("(`" + type.key() + "`)");
    }
}
