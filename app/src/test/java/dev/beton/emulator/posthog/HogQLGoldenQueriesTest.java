package dev.beton.emulator.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.emulator.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pinned HogQL file (exactly what Beton sends, comments included) is inside the subset the
 * emulator evaluates, with the values its header lists.
 */
class HogQLGoldenQueriesTest {

    /** The instant the golden files were rendered as of. */
    private static final Instant RENDERED_AS_OF = Instant.parse("2026-11-23T06:00:00Z");

    private static final Path GOLDEN = Path.of("src/test/resources/query/golden");

    static Stream<Path> goldenFiles() throws IOException {
        return Files.list(GOLDEN).filter(p -> p.toString().endsWith(".hogql")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void evaluatesTheGoldenQuery(Path file) throws IOException {
        String sql = Files.readString(file);
        HogQLWorld world = new HogQLWorld(RENDERED_AS_OF)
                .event("checkout_started", "bob", Duration.ofDays(1), Map.of(), "w", "t", "acme")
                .event("intercom_message_sent", "bob", Duration.ofDays(1), Map.of(), "w", "t", "acme")
                .event(
                        "$pageview",
                        "ann",
                        Duration.ofDays(1),
                        Map.of("$current_url", "https://a.io/pricing"),
                        "w",
                        "t",
                        "acme")
                .event("feature_used", "ann", Duration.ofDays(2), Map.of("feature", "export"), "w", "t", "acme")
                .event(
                        "$groupidentify",
                        "ann",
                        Duration.ofDays(3),
                        Map.of(
                                "$group_type",
                                "company",
                                "$group_key",
                                "acme",
                                "$group_set",
                                Map.of("plan_usage", 900, "plan_limit", 1000, "trial_ends_at", "2026-01-12T00:00:00Z")))
                .group(2, "acme", Map.of("plan_usage", 900, "plan_limit", 1000));

        HogQLEvaluator.Result result = world.run(sql, values(sql));

        assertThat(result.columns()).isNotEmpty().doesNotHaveDuplicates();
        assertThat(result.types()).hasSameSizeAs(result.columns());
        assertThat(result.limit()).isEqualTo(HogQLQueryEvaluator.MAX_LIMIT);
        assertThat(result.rows()).as("rows for the account").isNotEmpty().allSatisfy(row -> assertThat(row)
                .hasSameSizeAs(result.columns()));
    }

    /** The {@code -- values: {...}} header line. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(String sql) {
        String line =
                sql.lines().filter(l -> l.startsWith("-- values: ")).findFirst().orElseThrow();
        Map<String, Object> values =
                (Map<String, Object>) Json.toPlain(Json.parse(line.substring("-- values: ".length())));
        assertThat(values).isNotEmpty();
        return values;
    }
}
