package dev.beton.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL each example rule (and one rule using every condition) compiles to, per dialect, pinned
 * in {@code src/test/resources/inspector/golden} as {@code <rule>.<dialect>.sql}. Regenerate with
 * {@code -Dgolden.update=true} and review the diff. A dialect added to {@link Dialect} needs no change
 * here, only its generated files (ClickHouse's are rendered for current servers; 18.16's spelling
 * of the same nodes is pinned by {@code query.ClickHouseGoldenFileTest}).
 */
class RuleSqlGoldenFileTest {

    private static final Path GOLDEN = Path.of("src/test/resources/inspector/golden");
    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");
    private static final int COMPANY = 2;

    static final InspectionRule EVERY_CONDITION = new InspectionRule(
            "Every condition",
            "",
            InspectionRule.Level.ACCOUNT,
            14,
            new InspectionRule.Conditions(
                    List.of("feature_used", "$pageview"), 5, 2, 3, 7, java.util.Map.of("plan", "pro"), 2, 20),
            new InspectionRule.Weights(1.0, 2.0, -0.5));

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        List<InspectionRule> rules = Stream.concat(ExampleRules.all().stream(), Stream.of(EVERY_CONDITION))
                .toList();
        for (InspectionRule rule : rules) {
            for (Dialect dialect : Dialect.values()) {
                cases.add(Arguments.of(slug(rule), dialect, rule));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cases")
    void rendersAsPinned(String slug, Dialect dialect, InspectionRule rule) throws IOException {
        Path file = GOLDEN.resolve(slug + "." + dialect.name().toLowerCase(Locale.ROOT) + ".sql");
        RenderedQuery rendered = dialect.render(RuleCompiler.compile(rule, COMPANY), AS_OF);
        String actual = "-- " + rule.name() + " as of " + AS_OF + ", company group index " + COMPANY + "\n-- values: "
                + JsonMapper.builder().build().writeValueAsString(rendered.namedValues()) + "\n" + rendered.sql()
                + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file)
                .as("golden file for %s: run with -Dgolden.update=true and review it", dialect)
                .exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(actual);
    }

    static String slug(InspectionRule rule) {
        return rule.name()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }
}
