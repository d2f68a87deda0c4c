package dev.beton.query;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Factories for {@link Expr} nodes, so that definitions read like the SQL they stand for:
 * {@code and(within(column("timestamp"), LAST_7), eq(column("event"), param("ev", name)))}.
 */
public final class Expressions {

    private Expressions() {}

    public static Expr.Column column(String name) {
        return new Expr.Column(name);
    }

    public static Expr.Qualified column(String source, String name) {
        return new Expr.Qualified(source, name);
    }

    public static Expr.EventProperty eventProperty(String name) {
        return new Expr.EventProperty(List.of(PropertyName.of(name)));
    }

    /** A property inside an object-valued event property, e.g. {@code $group_set} → {@code plan_usage}. */
    public static Expr.EventProperty eventProperty(String name, String nested) {
        return new Expr.EventProperty(List.of(PropertyName.of(name), PropertyName.of(nested)));
    }

    public static Expr hasProperty(Expr.EventProperty property) {
        return new Expr.HasProperty(property);
    }

    public static Expr textOrEmpty(Expr operand) {
        return new Expr.TextOrEmpty(operand);
    }

    public static Expr.PersonProperty personProperty(String name) {
        return new Expr.PersonProperty(PropertyName.of(name));
    }

    public static Expr.GroupProperty groupProperty(int groupIndex, String name) {
        return new Expr.GroupProperty(groupIndex, PropertyName.of(name));
    }

    public static Expr.GroupKey groupKey(int groupIndex) {
        return new Expr.GroupKey(groupIndex);
    }

    public static Expr.Param param(String name, Object value) {
        return new Expr.Param(name, value);
    }

    /** Parameters {@code name_0, name_1, ...} for a list of values, for IN lists and pattern lists. */
    public static List<Expr> params(String name, List<?> values) {
        return IntStream.range(0, values.size())
                .<Expr>mapToObj(i -> new Expr.Param(name + "_" + i, values.get(i)))
                .toList();
    }

    public static Expr.Constant number(long value) {
        return new Expr.Constant(value);
    }

    public static Expr.Constant number(double value) {
        return new Expr.Constant(value);
    }

    public static Expr.AsOf asOf() {
        return new Expr.AsOf();
    }

    public static Expr eq(Expr left, Expr right) {
        return new Expr.Compare(left, Expr.Comparison.EQ, right);
    }

    public static Expr ne(Expr left, Expr right) {
        return new Expr.Compare(left, Expr.Comparison.NE, right);
    }

    public static Expr lt(Expr left, Expr right) {
        return new Expr.Compare(left, Expr.Comparison.LT, right);
    }

    public static Expr le(Expr left, Expr right) {
        return new Expr.Compare(left, Expr.Comparison.LE, right);
    }

    public static Expr gt(Expr left, Expr right) {
        return new Expr.Compare(left, Expr.Comparison.GT, right);
    }

    public static Expr ge(Expr left, Expr right) {
        return new Expr.Compare(left, Expr.Comparison.GE, right);
    }

    public static Expr minus(Expr left, Expr right) {
        return new Expr.Arithmetic(left, Expr.ArithmeticOperator.MINUS, right);
    }

    public static Expr dividedBy(Expr left, Expr right) {
        return new Expr.Arithmetic(left, Expr.ArithmeticOperator.DIVIDED_BY, right);
    }

    public static Expr and(Expr... operands) {
        return operands.length == 1 ? operands[0] : new Expr.And(Arrays.asList(operands));
    }

    public static Expr and(List<Expr> operands) {
        return operands.size() == 1 ? operands.get(0) : new Expr.And(operands);
    }

    public static Expr or(List<Expr> operands) {
        return operands.size() == 1 ? operands.get(0) : new Expr.Or(operands);
    }

    public static Expr not(Expr operand) {
        return new Expr.Not(operand);
    }

    public static Expr like(Expr value, Expr pattern) {
        return new Expr.Like(value, pattern);
    }

    public static Expr in(Expr value, List<Expr> candidates) {
        return new Expr.In(value, candidates);
    }

    public static Expr notBlank(Expr operand) {
        return new Expr.NotBlank(operand);
    }

    public static Expr isNotNull(Expr operand) {
        return new Expr.IsNotNull(operand);
    }

    public static Expr toNumber(Expr operand) {
        return new Expr.ToNumber(operand);
    }

    /** The operand as text, whatever type PostHog's property definitions give it. */
    public static Expr toText(Expr operand) {
        return new Expr.ToText(operand);
    }

    /** The event belongs to a person profile (not a personless event). */
    public static Expr hasPersonProfile() {
        return new Expr.HasPersonProfile();
    }

    /** {@code timestamp} inside the window: {@code >= start AND < end}. */
    public static Expr within(Expr timestamp, TimeWindow window) {
        return new Expr.And(
                List.of(ge(timestamp, new Expr.WindowStart(window)), lt(timestamp, new Expr.WindowEnd(window))));
    }

    public static Expr windowStart(TimeWindow window) {
        return new Expr.WindowStart(window);
    }

    public static Expr.Aggregate count() {
        return new Expr.Aggregate(Expr.AggregateFunction.COUNT, Optional.empty(), Optional.empty());
    }

    public static Expr.Aggregate countIf(Expr condition) {
        return new Expr.Aggregate(Expr.AggregateFunction.COUNT_IF, Optional.empty(), Optional.of(condition));
    }

    public static Expr.Aggregate distinctCount(Expr argument) {
        return aggregate(Expr.AggregateFunction.DISTINCT_COUNT, argument);
    }

    public static Expr.Aggregate min(Expr argument) {
        return aggregate(Expr.AggregateFunction.MIN, argument);
    }

    public static Expr.Aggregate max(Expr argument) {
        return aggregate(Expr.AggregateFunction.MAX, argument);
    }

    public static Expr.Aggregate sum(Expr argument) {
        return aggregate(Expr.AggregateFunction.SUM, argument);
    }

    public static Expr.Aggregate avg(Expr argument) {
        return aggregate(Expr.AggregateFunction.AVG, argument);
    }

    private static Expr.Aggregate aggregate(Expr.AggregateFunction function, Expr argument) {
        return new Expr.Aggregate(function, Optional.of(argument), Optional.empty());
    }

    public static Expr.ArgMax argMax(Expr value, Expr by) {
        return new Expr.ArgMax(value, by, Optional.empty());
    }

    public static Expr.ArgMax argMaxIf(Expr value, Expr by, Expr condition) {
        return new Expr.ArgMax(value, by, Optional.of(condition));
    }

    public static Expr dateDiffDays(Expr from, Expr to) {
        return new Expr.DateDiffDays(from, to);
    }

    public static Expr startOfWeek(Expr timestamp) {
        return new Expr.StartOfWeek(timestamp);
    }

    public static Expr previousOrZero(Expr argument, List<Expr> partitionBy, List<Expr.OrderItem> orderBy) {
        return new Expr.WindowCall(Expr.WindowFunction.PREVIOUS_OR_ZERO, Optional.of(argument), partitionBy, orderBy);
    }

    public static Expr rowNumber(List<Expr> partitionBy, List<Expr.OrderItem> orderBy) {
        return new Expr.WindowCall(Expr.WindowFunction.ROW_NUMBER, Optional.empty(), partitionBy, orderBy);
    }
}
