package dev.beton.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.query.Dialect;
import dev.beton.query.QueryDefinition;
import dev.beton.query.RenderedQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HogQL every library query sends to PostHog, pinned in {@code src/test/resources/query/golden}
 * as {@code <id>.v<version>.hogql}. A change to a definition that keeps its version fails here: bump
 * the version, then regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class HogQlGoldenFileTest {

    private static final Path GOLDEN = Path.of("src/test/resources/query/golden");
    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");
    private static final int COMPANY = 2;

    static Stream<QueryDefinition> libraryQueries() {
        return SignalCatalog.of(SignalSettings.defaults(), COMPANY).library().all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraryQueries")
    void rendersHogQlAsPinned(QueryDefinition definition) throws IOException {
        Path file = GOLDEN.resolve(fileName(definition));
        String actual = golden(definition);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }

        assertThat(file)
                .as("golden file for %s (bump the version when the query changes)", definition.reference())
                .exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(actual);
    }

    @Test
    void everyGoldenFileBelongsToALibraryQuery() throws IOException {
        List<String> expected =
                libraryQueries().map(HogQlGoldenFileTest::fileName).sorted().toList();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void libraryHasTheEightSignals() {
        assertThat(libraryQueries().map(QueryDefinition::id))
                .containsExactlyInAnyOrder(
                        "signal.usage_spike",
                        "signal.pricing_intent",
                        "signal.feature_adoption",
                        "signal.limit_approaching",
                        "signal.trial_expiring",
                        "signal.team_growth",
                        "signal.support_engagement",
                        "signal.billing_intent");
    }

    private static String fileName(QueryDefinition definition) {
        return definition.id() + ".v" + definition.version() + ".hogql";
    }

    private static String golden(QueryDefinition definition) {
        RenderedQuery rendered = definition.render(Dialect.HOGQL, AS_OF);
        String values = JsonMapper.builder().build().writeValueAsString(rendered.namedValues());
        return "-- " + definition.reference() + ": " + definition.description() + "\n"
                + "-- rendered as of " + AS_OF + " for company group index " + COMPANY + " with default settings\n"
                + "-- values: " + values + "\n"
                + rendered.sql() + "\n";
    }
}
