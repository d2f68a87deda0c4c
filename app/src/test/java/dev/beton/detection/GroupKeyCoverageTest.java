package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import dev.beton.query.TestWarehouse;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The look-back the company-key check covers, and the check on the embedded store. */
class GroupKeyCoverageTest {

    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");

    @Test
    void theLongestLookBackIsTheEarliestWindowStartOfTheSignalQueries() {
        SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), 0);
        List<RenderedQuery> hog = catalog.queries(AS_OF, Dialect.HOGQL).stream()
                .map(q -> q.rendered())
                .toList();
        List<RenderedQuery> duck = catalog.queries(AS_OF, Dialect.DUCKDB).stream()
                .map(q -> q.rendered())
                .toList();

        assertThat(GroupKeyCoverage.lookBackStart(hog)).contains(Instant.parse("2026-05-20T06:00:00Z"));
        assertThat(GroupKeyCoverage.lookBackStart(duck)).isEqualTo(GroupKeyCoverage.lookBackStart(hog));
    }

    @Test
    void theSameCheckOnTheEmbeddedStoreWarnsAboutImportsWithoutKeys() throws Exception {
        try (TestWarehouse warehouse = TestWarehouse.open()) {
            warehouse.event("e", "u", AS_OF.minus(Duration.ofDays(60)), "{}");
            warehouse.event("e", "u", AS_OF.minus(Duration.ofDays(30)), "{}", "acme");
            Optional<String> warning = GroupKeyCoverage.check(
                    q -> {
                        try {
                            return warehouse.run(q);
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    Dialect.DUCKDB,
                    0,
                    AS_OF,
                    AS_OF.minus(Duration.ofDays(180)));
            assertThat(warning).isPresent();
        }
    }
}
