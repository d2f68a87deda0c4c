package dev.beton.emulator.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.emulator.posthog.HogQLSyntax.Binary;
import dev.beton.emulator.posthog.HogQLSyntax.Call;
import dev.beton.emulator.posthog.HogQLSyntax.Expr;
import dev.beton.emulator.posthog.HogQLSyntax.Field;
import dev.beton.emulator.posthog.HogQLSyntax.InList;
import dev.beton.emulator.posthog.HogQLSyntax.Interval;
import dev.beton.emulator.posthog.HogQLSyntax.Like;
import dev.beton.emulator.posthog.HogQLSyntax.Literal;
import dev.beton.emulator.posthog.HogQLSyntax.Not;
import dev.beton.emulator.posthog.HogQLSyntax.Placeholder;
import dev.beton.emulator.posthog.HogQLSyntax.Select;
import dev.beton.emulator.posthog.HogQLSyntax.Subquery;
import dev.beton.emulator.posthog.HogQLSyntax.Table;
import dev.beton.emulator.posthog.HogQLSyntax.Windowed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser's trees: precedence, names, literals and clauses. */
class HogQLParserTest {

    private static Expr where(String condition) {
        return HogQLParser.parse("SELECT 1 FROM events WHERE " + condition)
                .where()
                .orElseThrow();
    }

    private static Field field(String... path) {
        return new Field(List.of(path));
    }

    @Test
    void andBindsTighterThanOrAndNotLooserThanComparison() {
        assertThat(where("a = 1 OR b = 2 AND NOT c = 3"))
                .isEqualTo(new Binary(
                        "OR",
                        new Binary("=", field("a"), new Literal(1L)),
                        new Binary(
                                "AND",
                                new Binary("=", field("b"), new Literal(2L)),
                                new Not(new Binary("=", field("c"), new Literal(3L))))));
    }

    @Test
    void arithmeticFollowsTheUsualPrecedence() {
        assertThat(where("x = 1 + 2 * 3"))
                .isEqualTo(new Binary(
                        "=",
                        field("x"),
                        new Binary("+", new Literal(1L), new Binary("*", new Literal(2L), new Literal(3L)))));
    }

    @Test
    void propertyPathsInDotAndBracketFormAreOneField() {
        assertThat(where("properties.$group_set.plan = properties['$feature/x'] AND group_2.properties.plan != ''"))
                .isEqualTo(new Binary(
                        "AND",
                        new Binary("=", field("properties", "$group_set", "plan"), field("properties", "$feature/x")),
                        new Binary("!=", field("group_2", "properties", "plan"), new Literal(""))));
    }

    @Test
    void placeholdersLikeInAndIntervalsBecomeNodes() {
        assertThat(where("event NOT IN ({a}, 'b') AND url ILIKE {p} AND timestamp > now() - INTERVAL {n} DAY"))
                .isEqualTo(new Binary(
                        "AND",
                        new Binary(
                                "AND",
                                new InList(field("event"), List.of(new Placeholder("a"), new Literal("b")), true),
                                new Like(field("url"), new Placeholder("p"), true, false)),
                        new Binary(
                                ">",
                                field("timestamp"),
                                new Binary(
                                        "-",
                                        new Call("now", List.of(), false),
                                        new Interval(new Placeholder("n"), "DAY")))));
    }

    @Test
    void stringLiteralsTakeEscapesAndQuotedIdentifiersAreNames() {
        assertThat(where("`odd name` = 'it''s \\\\ \\'x\\''"))
                .isEqualTo(new Binary("=", field("odd name"), new Literal("it's \\ 'x'")));
    }

    @Test
    void numbersAreLongsOrDoubles() {
        assertThat(where("a = 2.5e1 OR a = 7"))
                .isEqualTo(new Binary(
                        "OR",
                        new Binary("=", field("a"), new Literal(25.0)),
                        new Binary("=", field("a"), new Literal(7L))));
    }

    @Test
    void clausesAndSources() {
        Select select = HogQLParser.parse("""
                WITH a AS (SELECT $group_0 AS k, count() AS n FROM events GROUP BY k)
                SELECT a.k, b.m AS m, row_number() OVER (PARTITION BY a.k ORDER BY b.m DESC) AS r
                FROM a LEFT JOIN (SELECT 1 AS m, 'x' AS k) AS b ON b.k = a.k
                WHERE a.n > 0 ORDER BY m DESC, a.k LIMIT {limit};
                """);

        assertThat(select.with()).singleElement().satisfies(cte -> assertThat(cte.name())
                .isEqualTo("a"));
        assertThat(select.items()).extracting(HogQLSyntax.Item::name).containsExactly("k", "m", "r");
        assertThat(select.from()).contains(new Table("a", "a"));
        assertThat(select.joins()).singleElement().satisfies(join -> {
            assertThat(join.left()).isTrue();
            assertThat(join.source()).isInstanceOfSatisfying(Subquery.class, s -> assertThat(s.alias())
                    .isEqualTo("b"));
        });
        assertThat(select.items().get(2).expr()).isInstanceOfSatisfying(Windowed.class, w -> {
            assertThat(w.partitionBy()).containsExactly(field("a", "k"));
            assertThat(w.orderBy()).singleElement().satisfies(o -> assertThat(o.descending())
                    .isTrue());
            assertThat(w.wholePartition()).isFalse();
        });
        assertThat(select.orderBy()).hasSize(2);
        assertThat(select.limit()).contains(new Placeholder("limit"));
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThatThrownBy(() -> HogQLParser.parse("SELECT count() FROM events WHERE event = = 'x'"))
                .isInstanceOfSatisfying(
                        HogQLError.class, e -> assertThat(e.kind).isEqualTo(HogQLError.Kind.SYNTAX))
                .hasMessage("Syntax error at line 1, column 42: no viable alternative at input '='");
    }
}
