package dev.beton.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lead sources compared on a hand-built CRM mirror; every number worked out by hand. */
class PqlPerformanceTest {

    private final List<Deal> deals = new ArrayList<>();

    @Test
    void comparesLeadsSqlWinsCycleDealPipelineAndQuartersPerSourceAndPqlLift() {
        deal("pql", "won", 1000, "2026-01-10", "2026-01-20"); // 10 days, Q1
        deal("pql", "won", 3000, "2026-04-01", "2026-04-21"); // 20 days, Q2
        deal("pql", "lost", 800, "2026-04-05", "2026-04-15");
        deal("pql", "open", 500, "2026-04-06", null);
        deal("inbound", "won", 2000, "2026-01-01", "2026-02-10"); // 40 days
        deal("inbound", "lost", 900, "2026-02-01", "2026-02-20");
        deal("inbound", "lost", 900, "2026-03-01", "2026-03-20");
        deal("inbound", "open", 700, "2026-03-15", null);
        deal("outbound", "lost", 400, "2026-05-01", "2026-05-20");
        deal("outbound", "open", 100, "2026-05-02", null);
        deal("Referral", "open", 50, "2026-06-01", null); // unknown source -> other

        PqlPerformance performance = PqlPerformance.of(deals, PqlPerformance.DEFAULT_SQL_STAGES);

        assertThat(performance.quarters()).containsExactly("2026-Q1", "2026-Q2");
        PqlPerformance.Source pql = source(performance, "pql");
        // 4 leads; SQL = won 2 + lost 1 = 3; won 2 -> 50 %; cycle (10 + 20) / 2; deal 4000 / 2.
        assertThat(pql.leads()).isEqualTo(4);
        assertThat(pql.sql()).isEqualTo(3);
        assertThat(pql.winRate()).isEqualTo(Ratio.of(2, 4));
        assertThat(pql.averageCycleDays()).isCloseTo(15.0, within(1e-9));
        assertThat(pql.averageDeal()).isEqualByComparingTo("2000");
        assertThat(pql.pipeline()).isEqualByComparingTo("500");
        assertThat(pql.wonRevenue()).isEqualByComparingTo("4000");
        // Q1: 1 lead, 1 won; Q2: 3 leads, 1 won.
        assertThat(pql.winRateByQuarter()).containsExactly(1.0, 1.0 / 3);
        PqlPerformance.Source inbound = source(performance, "inbound");
        assertThat(inbound.winRate()).isEqualTo(Ratio.of(1, 4));
        assertThat(inbound.averageCycleDays()).isCloseTo(40.0, within(1e-9));
        assertThat(inbound.winRateByQuarter()).containsExactly(0.25, null);
        assertThat(source(performance, "outbound").winRate()).isEqualTo(Ratio.of(0, 2));
        assertThat(source(performance, "partner").winRate()).isEqualTo(Ratio.of(0, 0));
        assertThat(source(performance, "other").pipeline()).isEqualByComparingTo("50");
        // Baseline: the other sources won 1 of 7 leads; lift = 0.5 / (1/7) = 3.5.
        assertThat(performance.baselineWinRate()).isCloseTo(1.0 / 7, within(1e-9));
        assertThat(performance.pqlLift()).isCloseTo(3.5, within(1e-9));
    }

    @Test
    void theSqlStagesAreConfigurableAndWonAlwaysCounts() {
        deal("pql", "won", 1000, "2026-01-10", "2026-01-20");
        deal("pql", "lost", 800, "2026-01-11", "2026-01-15");
        deal("pql", "demo booked", 500, "2026-01-12", null);

        PqlPerformance performance = PqlPerformance.of(deals, Set.of("demo booked"));

        assertThat(source(performance, "pql").sql()).isEqualTo(2); // won + demo booked, not lost
        assertThat(performance.sqlStages()).containsExactly("demo booked", "won");
    }

    private void deal(String source, String stage, int amount, String created, String closed) {
        deals.add(new Deal(
                "d" + deals.size(),
                "acct" + deals.size(),
                source,
                stage,
                BigDecimal.valueOf(amount),
                Instant.parse(created + "T10:00:00Z"),
                Optional.ofNullable(closed).map(c -> Instant.parse(c + "T10:00:00Z"))));
    }

    private static PqlPerformance.Source source(PqlPerformance performance, String name) {
        return performance.sources().stream()
                .filter(s -> s.source().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + Arrays.toString(new Object[] {performance})));
    }
}
