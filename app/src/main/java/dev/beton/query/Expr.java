package dev.beton.query;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An expression of the query model. The set of nodes is closed: every dialect renders every node,
 * and anything a dialect spells differently (property access, conditional counts, weeks, time
 * parameters) is a node of its own rather than a free-form function call.
 *
 * <p>Values from configuration or from the caller are always {@link Param}s, bound by the driver
 * (DuckDB) or sent as HogQL {@code values}; only numeric constants written in code are inlined.
 */
public sealed interface Expr {

    /** A column of the table or CTE in the FROM clause, or a select alias. */
    record Column(String name) implements Expr {
        public Column {
            Identifiers.sqlName("column", name);
        }
    }

    /** A column of a named source ({@code alias.column}), for joins. */
    record Qualified(String source, String name) implements Expr {
        public Qualified {
            Identifiers.sqlName("source", source);
            Identifiers.sqlName("column", name);
        }
    }

    /**
     * A property of the event, possibly nested: HogQL {@code properties.x}, or {@code
     * properties.$group_set.plan} for the path {@code [$group_set, plan]}.
     */
    record EventProperty(List<PropertyName> path) implements Expr {
        public EventProperty {
            path = List.copyOf(path);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("A property path has at least one name");
            }
        }
    }

    /**
     * Whether the event's properties hold this path at all, also with a JSON {@code null} or
     * {@code ""}: a {@code $group_set} that names a property with null unsets it, one that does not
     * name it leaves it alone. DuckDB {@code json_exists}, HogQL {@code JSONHas}.
     */
    record HasProperty(EventProperty property) implements Expr {}

    /** The text, or {@code ''} when it is NULL: so that aggregates that skip NULLs keep the row. */
    record TextOrEmpty(Expr operand) implements Expr {}

    /** A property of the event's person: HogQL {@code person.properties.x}. */
    record PersonProperty(PropertyName name) implements Expr {}

    /** A property of the event's group of type index N: HogQL {@code group_N.properties.x}. */
    record GroupProperty(int groupIndex, PropertyName name) implements Expr {
        public GroupProperty {
            Identifiers.groupIndex(groupIndex);
        }
    }

    /** The key of the event's group of type index N: HogQL {@code $group_N}. */
    record GroupKey(int groupIndex) implements Expr {
        public GroupKey {
            Identifiers.groupIndex(groupIndex);
        }
    }

    /**
     * A bound value: a {@link String}, {@link Long}, {@link Integer}, {@link Double}, {@link
     * Boolean} or {@link Instant}. The same name may appear several times only with an equal value.
     */
    record Param(String name, Object value) implements Expr {
        public Param {
            Identifiers.placeholder(name);
            Objects.requireNonNull(value, () -> "value of parameter " + name);
            if (!(value instanceof String
                    || value instanceof Long
                    || value instanceof Integer
                    || value instanceof Double
                    || value instanceof Boolean
                    || value instanceof Instant)) {
                throw new IllegalArgumentException("Parameter " + name + " has unsupported type "
                        + value.getClass().getName());
            }
        }
    }

    /** A numeric constant written in code (never configuration). */
    record Constant(Number value) implements Expr {
        public Constant {
            if (!(value instanceof Long || value instanceof Integer || value instanceof Double)) {
                throw new IllegalArgumentException("Numeric constants are Long, Integer or Double");
            }
        }
    }

    /** The instant the query is evaluated as of, bound as {@code as_of}. */
    record AsOf() implements Expr {}

    /** The inclusive start of a window, bound from {@code asOf} as {@code <window>_start}. */
    record WindowStart(TimeWindow window) implements Expr {}

    /** The exclusive end of a window, bound from {@code asOf} as {@code <window>_end}. */
    record WindowEnd(TimeWindow window) implements Expr {}

    enum Comparison {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE
    }

    record Compare(Expr left, Comparison op, Expr right) implements Expr {}

    enum ArithmeticOperator {
        PLUS,
        MINUS,
        TIMES,
        DIVIDED_BY
    }

    record Arithmetic(Expr left, ArithmeticOperator op, Expr right) implements Expr {}

    record And(List<Expr> operands) implements Expr {
        public And {
            operands = nonEmpty(operands, "AND");
        }
    }

    record Or(List<Expr> operands) implements Expr {
        public Or {
            operands = nonEmpty(operands, "OR");
        }
    }

    record Not(Expr operand) implements Expr {}

    /** SQL LIKE: {@code %} matches any run of characters, {@code _} any single one. */
    record Like(Expr value, Expr pattern) implements Expr {}

    record In(Expr value, List<Expr> candidates) implements Expr {
        public In {
            candidates = nonEmpty(candidates, "IN");
        }
    }

    record IsNotNull(Expr operand) implements Expr {}

    /** Neither null nor the empty string (HogQL has {@code ''} where DuckDB has NULL). */
    record NotBlank(Expr operand) implements Expr {}

    /** A number parsed from text; null (not an error) when it is not a number. */
    record ToNumber(Expr operand) implements Expr {}

    /**
     * A property read as text whatever its PostHog property definition says: PostHog casts a
     * Numeric property to Float, a DateTime one to DateTime and a Boolean one to Bool before the
     * query sees it, and mixing those with text ({@code coalesce(x, '')}, {@code LIKE}, {@code =
     * {text}}) is a ClickHouse type error. HogQL {@code toString(x)}; DuckDB reads properties as
     * text already.
     */
    record ToText(Expr operand) implements Expr {}

    /**
     * The event belongs to a person profile. DuckDB: {@code person_id IS NOT NULL} (personless
     * events have none). On PostHog every event has a person id, also personless ones ({@code
     * $process_person_profile: false}), so HogQL tests that property instead.
     */
    record HasPersonProfile() implements Expr {}

    /** Whole days from {@code from} to {@code to} (day boundaries crossed, as both engines count). */
    record DateDiffDays(Expr from, Expr to) implements Expr {}

    /** Start of the week containing a timestamp; weeks start on Monday in every dialect. */
    record StartOfWeek(Expr timestamp) implements Expr {}

    enum AggregateFunction {
        COUNT,
        COUNT_IF,
        DISTINCT_COUNT,
        MIN,
        MAX,
        SUM,
        AVG
    }

    /**
     * The {@code value} of the row with the largest {@code by}, among the rows meeting {@code
     * condition} if there is one.
     */
    record ArgMax(Expr value, Expr by, Optional<Expr> condition) implements Expr {}

    /**
     * An aggregate. {@code COUNT} has neither argument nor condition, {@code COUNT_IF} a condition
     * only, the others an argument only.
     */
    record Aggregate(AggregateFunction function, Optional<Expr> argument, Optional<Expr> condition) implements Expr {
        public Aggregate {
            boolean wantsArgument = function != AggregateFunction.COUNT && function != AggregateFunction.COUNT_IF;
            if (argument.isPresent() != wantsArgument
                    || condition.isPresent() != (function == AggregateFunction.COUNT_IF)) {
                throw new IllegalArgumentException("Malformed " + function + " aggregate");
            }
        }
    }

    enum WindowFunction {
        /** The value of the previous row in the partition, 0 for the first row (numeric only). */
        PREVIOUS_OR_ZERO,
        ROW_NUMBER
    }

    record WindowCall(WindowFunction function, Optional<Expr> argument, List<Expr> partitionBy, List<OrderItem> orderBy)
            implements Expr {
        public WindowCall {
            partitionBy = List.copyOf(partitionBy);
            orderBy = List.copyOf(orderBy);
            if (argument.isPresent() != (function == WindowFunction.PREVIOUS_OR_ZERO)) {
                throw new IllegalArgumentException("Malformed " + function + " window call");
            }
        }
    }

    /** An ORDER BY item, in a query or a window. */
    record OrderItem(Expr expr, boolean descending) {
        public static OrderItem asc(Expr expr) {
            return new OrderItem(expr, false);
        }

        public static OrderItem desc(Expr expr) {
            return new OrderItem(expr, true);
        }
    }

    private static List<Expr> nonEmpty(List<Expr> operands, String what) {
        if (operands.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one operand");
        }
        return List.copyOf(operands);
    }
}
