package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalQuery;
import dev.beton.signals.SignalRun;
import dev.beton.signals.SignalSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old vs new DuckDB rendering of group properties on a generated world: the new rendering joins
 * the groups projected to the properties a query reads (extracted once per group), the old one
 * joined whole groups and extracted the JSON once per event. Every signal's rows, and the run's
 * signals, evidence and scores, must be identical — as of the benchmark's instant and as of days
 * when fewer accounts were active.
 */
class JoinedPropertiesParityTest {

    private static final Pattern PROJECTED_JOIN = Pattern.compile(
            "LEFT JOIN \\(SELECT \"group_key\", .*? FROM \"groups\" WHERE \"group_type_index\" = (\\d)\\) AS \"group_\\1\""
                    + " ON ");
    private static final Pattern PROJECTED_COLUMN = Pattern.compile("\"group_(\\d)\"\\.\"p_([0-9a-f]+)\"");

    @TempDir
    Path dir;

    @Test
    void projectedGroupJoinsDetectExactlyWhatPerEventExtractionDid() throws Exception {
        Path file = dir.resolve("world.duckdb");
        DetectionBenchmark.EventWorld.ensure(file, 300, 60_000);
        try (Connection connection = DetectionBenchmark.open(file)) {
            QueryRunner projected = query -> DetectionBenchmark.run(connection, query.sql(), query.positionalValues());
            QueryRunner perEvent =
                    query -> DetectionBenchmark.run(connection, perEventExtraction(query), query.positionalValues());
            // With present-day values the current group properties (plan usage, limit, trial end)
            // decide limit approaching and trial expiring, so the joined columns matter.
            SignalCatalog catalog =
                    SignalCatalog.of(SignalSettings.defaults(), 0).withPresentDayValues();
            for (Instant asOf : List.of(
                    DetectionBenchmark.AS_OF,
                    DetectionBenchmark.AS_OF.minus(Duration.ofDays(20)),
                    DetectionBenchmark.AS_OF.minus(Duration.ofDays(55)))) {
                for (SignalQuery query : catalog.queries(asOf, Dialect.DUCKDB)) {
                    assertThat(projected.run(query.rendered()))
                            .as(query.type() + " as of " + asOf)
                            .isEqualTo(perEvent.run(query.rendered()));
                }
                SignalRun now = catalog.run(asOf, Dialect.DUCKDB, projected, Map.of());
                SignalRun before = catalog.run(asOf, Dialect.DUCKDB, perEvent, Map.of());
                assertThat(now.failures()).isEmpty();
                assertThat(now.outcomes()).isEqualTo(before.outcomes());
                assertThat(now.receipts()).isEqualTo(before.receipts());
                if (asOf.equals(DetectionBenchmark.AS_OF)) {
                    assertThat(now.fired()).isNotEmpty();
                    assertThat(now.fired()).anyMatch(s -> s.type().key().equals("limit_approaching"));
                }
            }
        }
    }

    @Test
    void theOldRenderingIsRebuiltFaithfully() {
        RenderedQuery query = SignalCatalog.of(SignalSettings.defaults(), 0)
                .query(dev.beton.signals.SignalType.LIMIT_APPROACHING, DetectionBenchmark.AS_OF, Dialect.DUCKDB)
                .rendered();
        String old = perEventExtraction(query);

        assertThat(old)
                .contains("LEFT JOIN \"groups\" AS \"group_0\" ON \"group_0\".\"group_type_index\" = 0 AND"
                        + " \"group_0\".\"group_key\" = \"events\".\"$group_0\"")
                .contains("TRY_CAST(json_extract_string(\"group_0\".\"properties\", '$.\"plan_usage\"') AS DOUBLE)")
                .doesNotContain("\"p_");
    }

    /** The SQL the renderer produced before: whole groups joined, each property extracted per event row. */
    private static String perEventExtraction(RenderedQuery query) {
        String sql = PROJECTED_JOIN
                .matcher(query.sql())
                .replaceAll("LEFT JOIN \"groups\" AS \"group_$1\" ON \"group_$1\".\"group_type_index\" = $1 AND ");
        Matcher column = PROJECTED_COLUMN.matcher(sql);
        StringBuilder old = new StringBuilder();
        while (column.find()) {
            String name = new String(HexFormat.of().parseHex(column.group(2)), StandardCharsets.UTF_8);
            column.appendReplacement(
                    old,
                    Matcher.quoteReplacement("json_extract_string(\"group_" + column.group(1)
                            + "\".\"properties\", '$.\"" + name + "\"')"));
        }
        column.appendTail(old);
        return old.toString();
    }
}
