package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The account health score of docs/DASHBOARDS.md, case by case. */
class AccountHealthTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case, last 14 d, previous 14 d, users, days since last, features, score
        "thriving, 300, 100, 12, 0, 15, 100",
        "steady, 100, 100, 5, 2, 5, 66",
        "new this fortnight, 20, 0, 1, 1, 2, 61",
        "fading, 10, 100, 1, 12, 1, 22",
        "silent for 30 days, 0, 0, 0, 30, 0, 0",
    })
    void scores(String name, long last, long previous, long users, long days, long features, int expected) {
        assertThat(new AccountHealth(last, previous, users, days, features).score())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "19, 0", "20, 1", "79, 3", "80, 4", "100, 4"})
    void buckets(int score, int bucket) {
        assertThat(AccountHealth.bucketOf(score)).isEqualTo(bucket);
    }
}
