package dev.beton.emulator.posthog;

import java.util.List;
import java.util.Optional;

/**
 * The emulator's own syntax tree for the HogQL subset it evaluates. Nodes carry no source
 * positions, so two spellings of the same expression are equal: the evaluator relies on that to
 * match a selected expression against a {@code GROUP BY} one.
 */
final class HogQLSyntax {

    private HogQLSyntax() {}

    /** An expression. */
    sealed interface Expr
            permits Literal,
                    Placeholder,
                    Field,
                    Call,
                    Star,
                    Binary,
                    Not,
                    Negate,
                    InList,
                    IsNull,
                    Like,
                    Case,
                    Interval,
                    Windowed {}

    /** A constant: {@code null}, {@link String}, {@link Long}, {@link Double} or {@link Boolean}. */
    record Literal(Object value) implements Expr {}

    /** {@code {name}}, bound from the request's {@code values} when evaluated, never spliced. */
    record Placeholder(String name) implements Expr {}

    /** A dotted name such as {@code timestamp}, {@code a.account} or {@code properties.$group_set.plan}. */
    record Field(List<String> path) implements Expr {
        Field {
            path = List.copyOf(path);
        }

        String last() {
            return path.getLast();
        }
    }

    /** A function call; {@code distinct} for {@code count(DISTINCT x)}. Names keep their case. */
    record Call(String name, List<Expr> arguments, boolean distinct) implements Expr {
        Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code *} as in {@code count(*)}. */
    record Star() implements Expr {}

    /** Arithmetic, comparison, {@code AND}, {@code OR} or {@code ||}; {@code operator} upper-cased. */
    record Binary(String operator, Expr left, Expr right) implements Expr {}

    record Not(Expr operand) implements Expr {}

    record Negate(Expr operand) implements Expr {}

    record InList(Expr operand, List<Expr> options, boolean negated) implements Expr {
        InList {
            options = List.copyOf(options);
        }
    }

    record IsNull(Expr operand, boolean negated) implements Expr {}

    record Like(Expr operand, Expr pattern, boolean caseInsensitive, boolean negated) implements Expr {}

    /** {@code CASE [subject] WHEN … THEN … [ELSE …] END}; {@code subject} empty for the searched form. */
    record Case(Optional<Expr> subject, List<When> branches, Optional<Expr> otherwise) implements Expr {
        Case {
            branches = List.copyOf(branches);
        }
    }

    record When(Expr condition, Expr result) {}

    /** {@code INTERVAL n UNIT} or {@code toIntervalUnit(n)}; {@code unit} is SECOND … YEAR. */
    record Interval(Expr amount, String unit) implements Expr {}

    /**
     * {@code function OVER (PARTITION BY … ORDER BY …)}; {@code wholePartition} when the frame is
     * the whole partition (explicitly, or by default because there is no ORDER BY).
     */
    record Windowed(Call function, List<Expr> partitionBy, List<Order> orderBy, boolean wholePartition)
            implements Expr {
        Windowed {
            partitionBy = List.copyOf(partitionBy);
            orderBy = List.copyOf(orderBy);
        }
    }

    record Order(Expr expr, boolean descending) {}

    /** One select item; {@code text} is how it was written, the column name when there is no alias. */
    record Item(Expr expr, Optional<String> alias, String text) {
        String name() {
            return alias.orElseGet(() -> expr instanceof Field field ? field.last() : text);
        }
    }

    /** A table or CTE by name, or a subquery, with its alias. */
    sealed interface Source permits Table, Subquery {
        String alias();
    }

    record Table(String name, String alias) implements Source {}

    record Subquery(Select select, String alias) implements Source {}

    record Join(boolean left, Source source, Expr on) {}

    record Cte(String name, Select select) {}

    record Select(
            List<Cte> with,
            boolean distinct,
            List<Item> items,
            Optional<Source> from,
            List<Join> joins,
            Optional<Expr> where,
            List<Expr> groupBy,
            Optional<Expr> having,
            List<Order> orderBy,
            Optional<Expr> limit) {
        Select {
            with = List.copyOf(with);
            items = List.copyOf(items);
            joins = List.copyOf(joins);
            groupBy = List.copyOf(groupBy);
            orderBy = List.copyOf(orderBy);
        }
    }
}
