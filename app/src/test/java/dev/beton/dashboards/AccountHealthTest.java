package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
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

    /**
     * The score and bucket rendered for DuckDB ({@link AccountHealth#scoreSql}) equal Java's on
     * every input of a grid around each term's edges: no previous usage, the 1.5× cap and ratios
     * just around it, 0–12 users and features (full at 10), 0–31 days and far beyond, totals that
     * are exactly x.5 (2.5 for one user alone), and large counts.
     */
    @Test
    void theScoreInSqlIsTheScoreInJava() throws Exception {
        String grid = "SELECT l, p, u, d, f FROM unnest([0, 1, 2, 3, 7, 10, 14, 15, 29, 100, 149, 150, 151, 1000,"
                + " 123457]) t(l), unnest([0, 1, 2, 3, 7, 10, 20, 100, 101, 1000, 98765]) t(p), range(0, 13) t(u),"
                + " unnest([0, 1, 2, 5, 11, 12, 15, 18, 24, 29, 30, 31, 45, 400]) t(d), range(0, 13) t(f)";
        String score = AccountHealth.scoreSql("l", "p", "u", "d", "f");
        long checked = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT l, p, u, d, f, " + score + ", " + AccountHealth.bucketSql(score)
                        + " FROM (" + grid + ")")) {
            while (r.next()) {
                AccountHealth health =
                        new AccountHealth(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5));
                assertThat(r.getLong(6)).as(health.toString()).isEqualTo(health.score());
                assertThat(r.getLong(7)).as(health.toString()).isEqualTo(AccountHealth.bucketOf(health.score()));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(15L * 11 * 13 * 14 * 13);
    }
}
