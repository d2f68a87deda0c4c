package dev.beton.emulator.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountEventsEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");

    /** Events 0.5, 1, 3 and 10 days before now. */
    private static final HogQLEvaluator.Tables EVENTS = HogQLEvaluator.Tables.of(List.of(
            event(Duration.ofHours(12)),
            event(Duration.ofDays(1)),
            event(Duration.ofDays(3)),
            event(Duration.ofDays(10))));

    private final CountEventsEvaluator evaluator = new CountEventsEvaluator();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT count() FROM events                                                    | 4",
                "select COUNT(*) from events;                                                  | 4",
                "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL 1 DAY          | 2",
                "SELECT count() FROM events WHERE timestamp > now() - INTERVAL 1 DAY           | 1",
                "SELECT count() FROM events WHERE timestamp >= now() - toIntervalDay(7)        | 3",
                "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL 2 WEEK         | 4",
                "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL 13 HOUR        | 1",
                "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL 0 DAY          | 0",
            })
    void countsEventsInTheWindow(String query, long expected) {
        HogQLEvaluator.Result result = evaluator.evaluate(query, Map.of(), EVENTS, NOW);

        assertThat(result.rows()).containsExactly(List.of(expected));
        assertThat(result.types()).containsExactly("UInt64");
    }

    @Test
    void aliasNamesTheColumnAndLimitIsReported() {
        HogQLEvaluator.Result result =
                evaluator.evaluate("SELECT count() AS n FROM events LIMIT 10", Map.of(), EVENTS, NOW);

        assertThat(result.columns()).containsExactly("n");
        assertThat(result.limit()).isEqualTo(10);
        assertThat(evaluator
                        .evaluate("SELECT count() FROM events", Map.of(), EVENTS, NOW)
                        .columns())
                .containsExactly("count()");
    }

    @Test
    void placeholderIsBoundFromValues() {
        HogQLEvaluator.Result result = evaluator.evaluate(
                "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL {days} DAY",
                Map.of("days", 3),
                EVENTS,
                NOW);

        assertThat(result.rows()).containsExactly(List.of(3L));
        assertThatThrownBy(() -> evaluator.evaluate(
                        "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL {days} DAY",
                        Map.of(),
                        EVENTS,
                        NOW))
                .isInstanceOf(HogQLError.class)
                .hasMessageContaining("{days}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SELEC count() FROM events                                   | SYNTAX",
                "SELECT count( FROM events                                   | SYNTAX",
                "SELECT count() events                                       | SYNTAX",
                "SELECT event FROM events                                    | QUERY",
                "SELECT count() FROM persons                                 | QUERY",
                "SELECT count() FROM nope                                    | QUERY",
                "SELECT count() FROM events WHERE event = 'x'                | QUERY",
                "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL 1 MONTH | QUERY",
                "SELECT count() FROM events GROUP BY event                   | QUERY",
                "SELECT count() FROM events LIMIT 10 OFFSET 10               | QUERY",
            })
    void refusesWhatItDoesNotUnderstand(String query, HogQLError.Kind kind) {
        assertThatThrownBy(() -> evaluator.evaluate(query, Map.of(), EVENTS, NOW))
                .isInstanceOfSatisfying(
                        HogQLError.class, e -> assertThat(e.kind).isEqualTo(kind));
    }

    @Test
    void offsetGetsPostHogsPersonalKeyMessage() {
        assertThatThrownBy(
                        () -> evaluator.evaluate("SELECT count() FROM events LIMIT 1 OFFSET 5", Map.of(), EVENTS, NOW))
                .hasMessageStartingWith("OFFSET is not supported on queries made with a personal API key.");
    }

    private static CapturedEvent event(Duration ago) {
        return new CapturedEvent(UUID.randomUUID(), 1, "e", "u", NOW.minus(ago), Map.of(), Map.of());
    }
}
