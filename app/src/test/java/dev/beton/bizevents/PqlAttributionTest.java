package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.backtest.Deal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pipeline and won revenue of a period, and the PQL deals' part of them. */
class PqlAttributionTest {

    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

    static Deal deal(String source, String stage, int amount, String created, String closed) {
        return new Deal(
                source + amount,
                "acct",
                source,
                stage,
                BigDecimal.valueOf(amount),
                Instant.parse(created),
                Optional.ofNullable(closed).map(Instant::parse));
    }

    @Test
    void countsDealsCreatedAsPipelineAndDealsWonInThePeriodAsRevenue() {
        List<Deal> deals = List.of(
                deal("pql", "open", 30_000, "2026-11-03T00:00:00Z", null),
                deal("inbound", "open", 10_000, "2026-11-04T00:00:00Z", null),
                // created before the period, won inside it: won revenue, not pipeline
                deal("pql", "won", 20_000, "2026-10-01T00:00:00Z", "2026-11-20T00:00:00Z"),
                deal("outbound", "won", 5_000, "2026-11-05T00:00:00Z", "2026-11-25T00:00:00Z"),
                // lost, and won after the period: neither counts as won
                deal("pql", "lost", 7_000, "2026-11-06T00:00:00Z", "2026-11-26T00:00:00Z"),
                deal("pql", "won", 9_000, "2026-11-07T00:00:00Z", "2026-12-02T00:00:00Z"));

        PqlAttribution a = PqlAttribution.of(deals, FROM, TO);

        assertThat(a.pipeline()).isEqualTo(30_000 + 10_000 + 5_000 + 7_000 + 9_000);
        assertThat(a.pqlPipeline()).isEqualTo(30_000 + 7_000 + 9_000);
        assertThat(a.pqlDealsCreated()).isEqualTo(3);
        assertThat(a.won()).isEqualTo(25_000);
        assertThat(a.pqlWon()).isEqualTo(20_000);
        assertThat(a.pqlDealsWon()).isEqualTo(1);
        assertThat(a.pqlShareOfPipeline()).isEqualTo(75.4); // 46,000 / 61,000
        assertThat(a.pqlShareOfWon()).isEqualTo(80.0);
    }

    @Test
    void sharesAreAbsentWithoutDeals() {
        PqlAttribution a = PqlAttribution.of(List.of(), FROM, TO);
        assertThat(a.pqlShareOfPipeline()).isNull();
        assertThat(a.pqlShareOfWon()).isNull();
        assertThat(a.pipeline()).isZero();
    }
}
