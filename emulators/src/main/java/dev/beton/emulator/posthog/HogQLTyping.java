package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.HogQLSyntax.Binary;
import dev.beton.emulator.posthog.HogQLSyntax.Call;
import dev.beton.emulator.posthog.HogQLSyntax.Case;
import dev.beton.emulator.posthog.HogQLSyntax.Expr;
import dev.beton.emulator.posthog.HogQLSyntax.Field;
import dev.beton.emulator.posthog.HogQLSyntax.InList;
import dev.beton.emulator.posthog.HogQLSyntax.Interval;
import dev.beton.emulator.posthog.HogQLSyntax.IsNull;
import dev.beton.emulator.posthog.HogQLSyntax.Like;
import dev.beton.emulator.posthog.HogQLSyntax.Literal;
import dev.beton.emulator.posthog.HogQLSyntax.Negate;
import dev.beton.emulator.posthog.HogQLSyntax.Not;
import dev.beton.emulator.posthog.HogQLSyntax.Placeholder;
import dev.beton.emulator.posthog.HogQLSyntax.Star;
import dev.beton.emulator.posthog.HogQLSyntax.When;
import dev.beton.emulator.posthog.HogQLSyntax.Windowed;
import java.util.List;
import java.util.function.Function;

/**
 * Static ClickHouse types of expressions: the response's {@code types}, and the defaults an
 * unmatched LEFT JOIN row or an aggregate without values gets.
 */
final class HogQLTyping {

    private final HogQLInterpreter interpreter;

    HogQLTyping(HogQLInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** The static type of {@code expr}, given the types of fields. */
    HogQLType type(Expr expr, Function<Field, HogQLType> fields) {
        Function<Expr, HogQLType> t = e -> type(e, fields);
        return switch (expr) {
            case Literal l -> HogQLType.ofValue(l.value());
            case Placeholder p ->
                HogQLType.ofValue(
                        interpreter.placeholder(p.name()) instanceof List<?> list && !list.isEmpty()
                                ? list.getFirst()
                                : interpreter.placeholder(p.name()));
            case Field f -> fields.apply(f);
            case Star s -> HogQLType.NOTHING;
            case Call c when HogQLAggregates.isAggregate(c.name()) -> HogQLAggregates.type(c, t);
            case Call c ->
                HogQLFunctions.type(c.name(), c.arguments().stream().map(t).toList());
            case Binary b -> binaryType(b.operator(), t.apply(b.left()), t.apply(b.right()));
            case Not n -> nullableLike(HogQLType.BOOL, t.apply(n.operand()));
            case Negate n -> t.apply(n.operand());
            case InList in -> nullableLike(HogQLType.BOOL, t.apply(in.operand()));
            case IsNull n -> HogQLType.BOOL;
            case Like l ->
                nullableLike(HogQLType.BOOL, HogQLFunctions.merge(t.apply(l.operand()), t.apply(l.pattern())));
            case Case c -> caseType(c, t);
            case Interval i -> new HogQLType("IntervalDay", false);
            case Windowed w -> HogQLWindows.type(w.function(), t);
        };
    }

    private static HogQLType nullableLike(HogQLType type, HogQLType operand) {
        return operand.nullable() ? type.orNull() : type;
    }

    private static HogQLType binaryType(String op, HogQLType left, HogQLType right) {
        HogQLType merged = HogQLFunctions.merge(left, right);
        HogQLType type =
                switch (op) {
                    case "AND", "OR", "=", "!=", "<", "<=", ">", ">=" -> HogQLType.BOOL;
                    case "||" -> HogQLType.STRING;
                    case "/" -> HogQLType.FLOAT64;
                    default -> {
                        if (left.base().startsWith("Date")) {
                            yield left.notNull();
                        }
                        boolean integral = !left.base().startsWith("Float")
                                && !right.base().startsWith("Float");
                        yield integral ? HogQLType.INT64 : HogQLType.FLOAT64;
                    }
                };
        return merged.nullable() ? type.orNull() : type;
    }

    private static HogQLType caseType(Case c, Function<Expr, HogQLType> t) {
        HogQLType type = t.apply(c.branches().getFirst().result());
        for (When branch : c.branches()) {
            type = HogQLFunctions.merge(type, t.apply(branch.result()));
        }
        return c.otherwise().isPresent()
                ? HogQLFunctions.merge(type, t.apply(c.otherwise().get()))
                : type.orNull();
    }
}
