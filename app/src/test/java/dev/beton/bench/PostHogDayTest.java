package dev.beton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The simulated day's deterministic claims (fake clock, fixed seed): Beton never sends more than
 * its 2,000 queries in a clock hour, never meets PostHog's throttle, and the standard day's tiles
 * come from the cache at least 90 % of the time.
 */
class PostHogDayTest {

    @Test
    void theStandardDayStaysInBudgetAndMostlyHitsTheCache() {
        PostHogDay.Report day = PostHogDay.run(PostHogDay.Scenario.standard(), 20261201L);

        assertThat(day.maxPerHour()).isLessThanOrEqualTo(2000);
        assertThat(day.rateLimited()).isZero();
        assertThat(day.failures()).isZero();
        assertThat(day.refusedByBudget()).isZero();
        assertThat(day.detectionsRun()).isEqualTo(8);
        assertThat(day.sentPerHour()[6]).isEqualTo(8);
        assertThat(day.cacheHits() + day.cacheMisses()).isEqualTo(100 * 10 * 24 + 50);
        assertThat(day.hitRate()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void theFourDashboardsRefreshedAtTheirCadencesKeepTheDayInBudget() {
        PostHogDay.Report day =
                PostHogDay.run(PostHogDay.Scenario.withDashboards(PostHogDay.Scenario.standard()), 20261201L);

        // Signal Overview 7 tiles × 96, Account Health 6 × 24, PQL Performance and Backtesting 1 each.
        assertThat(day.insightRefreshes()).isEqualTo(7 * 96 + 6 * 24 + 1 + 1);
        assertThat(day.maxPerHour()).isLessThanOrEqualTo(2000);
        assertThat(day.sentPerHour()[3]).isEqualTo(7 * 4 + 6);
        assertThat(day.rateLimited()).isZero();
        assertThat(day.failures()).isZero();
        assertThat(day.refusedByBudget()).isZero();
    }

    @Test
    void withTheDashboardsLiveAStormHourStillSendsAtMostTheBudget() {
        PostHogDay.Report day =
                PostHogDay.run(PostHogDay.Scenario.withDashboards(PostHogDay.Scenario.storm()), 20261201L);

        assertThat(day.maxPerHour()).isLessThanOrEqualTo(2000);
        assertThat(day.rateLimited()).isZero();
        assertThat(day.failures()).isZero();
    }

    @Test
    void aStormOfDistinctQueriesIsCappedAtTheHourlyBudgetWithoutA429() {
        PostHogDay.Report day = PostHogDay.run(PostHogDay.Scenario.storm(), 20261201L);

        assertThat(day.sentPerHour()[14]).isEqualTo(2000);
        assertThat(day.maxPerHour()).isEqualTo(2000);
        assertThat(day.refusedByBudget()).isPositive();
        assertThat(day.rateLimited()).isZero();
        assertThat(day.failures()).isZero();
    }
}
