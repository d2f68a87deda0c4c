package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The defaults used without Spring are the {@code @DefaultValue}s, i.e. the documented ones. */
class PropertyDefaultsTest {

    @Test
    void budgetDefaultsAreTheDocumentedOnes() {
        PostHogBudgetProperties budget = PostHogBudgetProperties.defaults();
        assertThat(budget.queriesPerHour()).isEqualTo(2000);
        assertThat(budget.analyticsPerMinute()).isEqualTo(240);
        assertThat(budget.crudPerHour()).isEqualTo(4800);
        assertThat(budget.warnAt()).isEqualTo(0.8);
    }

    @Test
    void retryDefaultsAreTheDocumentedOnes() {
        PostHogRetryProperties retry = PostHogRetryProperties.defaults();
        assertThat(retry.maxAttempts()).isEqualTo(4);
        assertThat(retry.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(retry.breakerOpenFor()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void cacheDefaultsAreSeed001sTtls() {
        PostHogCacheProperties cache = PostHogCacheProperties.defaults();
        assertThat(cache.signalEvents()).isEqualTo(Duration.ofSeconds(60));
        assertThat(cache.overview()).isEqualTo(Duration.ofMinutes(5));
        assertThat(cache.pqlPerformance()).isEqualTo(Duration.ofMinutes(15));
        assertThat(cache.backtesting()).isEqualTo(Duration.ofMinutes(60));
        assertThat(cache.adHoc()).isEqualTo(Duration.ofMinutes(2));
    }
}
