package dev.beton.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which accounts a draft routes that the live settings do not, and back. */
class BacktestComparisonTest {

    static final Instant START = Instant.parse("2026-06-01T06:00:00Z");

    @Test
    void accountsMoveInAndOutByTheirPeakScoreAgainstEachRunsRoutingThreshold() {
        // live routes at 60: a (65), b (80). draft routes at 70: b (85), c (72); a peaked at 65 < 70.
        BacktestComparison comparison = BacktestComparison.of(
                run(1, "live"),
                60,
                Map.of("a", 65, "b", 80, "c", 40),
                run(2, "draft"),
                70,
                Map.of("a", 65, "b", 85, "c", 72));

        assertThat(comparison.movedIn()).containsExactly("c");
        assertThat(comparison.movedOut()).containsExactly("a");
        assertThat(comparison.first().routedAccounts()).isEqualTo(2);
        assertThat(comparison.second().routedAccounts()).isEqualTo(2);
        assertThat(comparison.samePeriod()).isTrue();
        // runs without a report (still running) compare as nothing measured, not as an error
        assertThat(comparison.first().settledPrecision()).isEqualTo(Ratio.of(0, 0));
    }

    private static BacktestRun run(long id, String label) {
        return new BacktestRun(
                id,
                1,
                BacktestRun.Status.SUCCEEDED,
                "v" + id,
                label,
                START,
                START.plusSeconds(86_400 * 30),
                30,
                30,
                90,
                START,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
