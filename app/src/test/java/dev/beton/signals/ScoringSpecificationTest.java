package dev.beton.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.query.TimeWindow;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Runs every case of {@code signals/scoring-cases.json}, the written specification of the score. */
class ScoringSpecificationTest {

    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");

    record Specification(String formula, List<Case> cases) {}

    record Case(String name, List<Signal> signals, Expected expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Signal(String type, Integer baseScore, String status) {}

    record Expected(
            int signalSum,
            int signalPoints,
            Boolean signalCapApplied,
            int distinctTypes,
            int diversityBonus,
            Boolean diversityCapApplied,
            int score,
            boolean routed,
            boolean hot) {}

    static Stream<Case> cases() throws IOException {
        try (InputStream json = ScoringSpecificationTest.class.getResourceAsStream("/signals/scoring-cases.json")) {
            return JsonMapper.builder().build().readValue(json, Specification.class).cases().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scoresAsSpecified(Case spec) {
        List<SignalOutcome> outcomes =
                spec.signals().stream().map(ScoringSpecificationTest::outcome).toList();

        ScoreReceipt receipt = Scorer.from(SignalSettings.defaults()).score("acme", AS_OF, outcomes);

        Expected expected = spec.expected();
        assertThat(receipt.signalSum()).as("signal sum").isEqualTo(expected.signalSum());
        assertThat(receipt.signalPoints()).as("signal points").isEqualTo(expected.signalPoints());
        assertThat(receipt.distinctTypes()).as("distinct types").isEqualTo(expected.distinctTypes());
        assertThat(receipt.diversityBonus()).as("diversity bonus").isEqualTo(expected.diversityBonus());
        assertThat(receipt.score()).as("score").isEqualTo(expected.score()).isBetween(0, 100);
        assertThat(receipt.routed()).as("routed").isEqualTo(expected.routed());
        assertThat(receipt.hot()).as("hot").isEqualTo(expected.hot());
        if (expected.signalCapApplied() != null) {
            assertThat(receipt.signalCapApplied()).as("signal cap applied").isEqualTo(expected.signalCapApplied());
        }
        if (expected.diversityCapApplied() != null) {
            assertThat(receipt.diversityCapApplied())
                    .as("diversity cap applied")
                    .isEqualTo(expected.diversityCapApplied());
        }
        assertThat(receipt.lines()).hasSize(spec.signals().size());
    }

    private static SignalOutcome outcome(Signal signal) {
        SignalType type = SignalType.fromKey(signal.type());
        int baseScore = signal.baseScore() == null ? type.defaultBaseScore() : signal.baseScore();
        DetectedSignal detected = new DetectedSignal(
                "acme",
                type,
                baseScore,
                AS_OF,
                1,
                1,
                new Evidence(type.key() + " for the specification", List.of()),
                "signal." + type.key(),
                1,
                List.of(TimeWindow.lastDays(7).resolve(AS_OF)));
        return "suppressed".equals(signal.status())
                ? new SignalOutcome.Suppressed(detected, AS_OF.minusSeconds(86_400), AS_OF.plusSeconds(86_400))
                : new SignalOutcome.Fired(detected);
    }
}
