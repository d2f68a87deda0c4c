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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates one expression in a context that supplies field values, aggregates and window
 * results, with SQL's three-valued logic: a comparison with NULL is NULL, and only TRUE passes a
 * filter. Placeholders take their constants from the request's {@code values} here, at the tree,
 * so a value is never read as SQL.
 */
final class HogQLInterpreter {

    /** What a context knows: a row's fields, a group's aggregates, a window function's result. */
    interface Context {
        Object field(Field field);

        Object aggregate(Call call);

        Object window(Windowed window);
    }

    /** An INTERVAL value; it only lives inside arithmetic on times. */
    record IntervalValue(long amount, String unit) {}

    private final Map<String, Object> values;
    private final Instant now;
    private final java.time.ZoneId zone;
    private final HogQLTyping typing = new HogQLTyping(this);

    HogQLInterpreter(Map<String, Object> values, Instant now) {
        this(values, now, ZoneOffset.UTC);
    }

    HogQLInterpreter(Map<String, Object> values, Instant now, java.time.ZoneId zone) {
        this.values = values;
        this.now = now;
        this.zone = zone;
    }

    Object eval(Expr expr, Context context) {
        return switch (expr) {
            case Literal l -> l.value();
            case Placeholder p -> placeholder(p.name());
            case Field f -> context.field(f);
            case Star s -> throw HogQLError.unsupported("* outside count(*)");
            case Call c -> call(c, context);
            case Binary b -> binary(b, context);
            case Not n -> {
                Boolean truth = HogQLValues.truth(eval(n.operand(), context));
                yield truth == null ? null : !truth;
            }
            case Negate n -> negate(eval(n.operand(), context));
            case InList in -> in(in, context);
            case IsNull n -> (eval(n.operand(), context) == null) != n.negated();
            case Like l -> like(l, context);
            case Case c -> caseOf(c, context);
            case Interval i -> new IntervalValue((long) HogQLValues.toDouble(eval(i.amount(), context)), i.unit());
            case Windowed w -> context.window(w);
        };
    }

    Object placeholder(String name) {
        if (!values.containsKey(name)) {
            throw HogQLError.query(
                    "Placeholder {" + name + "} is not available in this context. You can use the following: "
                            + String.join(", ", values.keySet()));
        }
        return constant(values.get(name));
    }

    private static Object constant(Object value) {
        return switch (value) {
            case List<?> list -> list.stream().map(HogQLInterpreter::constant).toList();
            case Map<?, ?> map -> throw HogQLError.unsupported("objects as placeholder values");
            case null -> null;
            default -> HogQLValues.normalize(value);
        };
    }

    private Object call(Call call, Context context) {
        if (HogQLAggregates.isAggregate(call.name())) {
            return context.aggregate(call);
        }
        if (HogQLWindows.isWindowFunction(call.name())) {
            throw HogQLError.query("Window function " + call.name() + "() needs an OVER clause");
        }
        List<Object> arguments = new ArrayList<>();
        call.arguments().forEach(a -> arguments.add(eval(a, context)));
        return HogQLFunctions.apply(call.name(), arguments, now, zone);
    }

    private Object binary(Binary binary, Context context) {
        String op = binary.operator();
        if (op.equals("AND") || op.equals("OR")) {
            boolean and = op.equals("AND");
            Boolean left = HogQLValues.truth(eval(binary.left(), context));
            if (left != null && left != and) {
                return left;
            }
            Boolean right = HogQLValues.truth(eval(binary.right(), context));
            if (right != null && right != and) {
                return right;
            }
            return left == null || right == null ? null : and;
        }
        Object left = eval(binary.left(), context);
        Object right = eval(binary.right(), context);
        if (left == null || right == null) {
            return null;
        }
        return switch (op) {
            case "=" -> HogQLValues.compare(left, right) == 0;
            case "!=" -> HogQLValues.compare(left, right) != 0;
            case "<" -> HogQLValues.compare(left, right) < 0;
            case "<=" -> HogQLValues.compare(left, right) <= 0;
            case ">" -> HogQLValues.compare(left, right) > 0;
            case ">=" -> HogQLValues.compare(left, right) >= 0;
            case "||" -> HogQLValues.text(left) + HogQLValues.text(right);
            default -> arithmetic(op, left, right);
        };
    }

    private static Object arithmetic(String op, Object left, Object right) {
        if (right instanceof IntervalValue interval && (op.equals("+") || op.equals("-"))) {
            long amount = op.equals("+") ? interval.amount() : -interval.amount();
            return shift(left, amount, interval.unit());
        }
        if (left instanceof IntervalValue interval && op.equals("+")) {
            return shift(right, interval.amount(), interval.unit());
        }
        if (left instanceof Long a && right instanceof Long b && !op.equals("/")) {
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                default -> b == 0 ? 0L : a % b;
            };
        }
        if (!(left instanceof Number) || !(right instanceof Number)) {
            throw HogQLError.query(
                    "Cannot apply " + op + " to " + HogQLValues.describe(left) + " and " + HogQLValues.describe(right));
        }
        double a = ((Number) left).doubleValue();
        double b = ((Number) right).doubleValue();
        return switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/" -> a / b;
            default -> a % b;
        };
    }

    /** Calendar units move in UTC, as ClickHouse does for a DateTime in UTC. */
    private static Object shift(Object time, long amount, String unit) {
        ChronoUnit chrono =
                switch (unit) {
                    case "SECOND" -> ChronoUnit.SECONDS;
                    case "MINUTE" -> ChronoUnit.MINUTES;
                    case "HOUR" -> ChronoUnit.HOURS;
                    case "DAY" -> ChronoUnit.DAYS;
                    case "WEEK" -> ChronoUnit.WEEKS;
                    case "MONTH" -> ChronoUnit.MONTHS;
                    case "QUARTER" -> {
                        amount *= 3;
                        yield ChronoUnit.MONTHS;
                    }
                    default -> ChronoUnit.YEARS;
                };
        if (time instanceof LocalDate date) {
            return date.plus(amount, chrono);
        }
        return ZonedDateTime.ofInstant(HogQLValues.toInstant(time), ZoneOffset.UTC)
                .plus(amount, chrono)
                .toInstant();
    }

    private static Object negate(Object value) {
        return switch (value) {
            case null -> null;
            case Long l -> -l;
            case Number n -> -n.doubleValue();
            default -> throw HogQLError.query("Cannot negate " + HogQLValues.describe(value));
        };
    }

    private Object in(InList in, Context context) {
        Object value = eval(in.operand(), context);
        if (value == null) {
            return null;
        }
        List<Object> options = new ArrayList<>();
        for (Expr option : in.options()) {
            Object evaluated = eval(option, context);
            if (evaluated instanceof List<?> list) {
                options.addAll(list);
            } else {
                options.add(evaluated);
            }
        }
        boolean found = options.stream().anyMatch(o -> o != null && HogQLValues.compare(value, o) == 0);
        return found != in.negated();
    }

    private Object like(Like like, Context context) {
        Object value = eval(like.operand(), context);
        Object pattern = eval(like.pattern(), context);
        if (value == null || pattern == null) {
            return null;
        }
        if (!(value instanceof String)) {
            // A property PostHog typed Numeric, DateTime or Bool is not text: ClickHouse refuses.
            throw HogQLError.query("Illegal type " + HogQLType.ofValue(value).name() + " of argument of function like");
        }
        boolean matches = HogQLValues.like(HogQLValues.text(value), HogQLValues.text(pattern), like.caseInsensitive());
        return matches != like.negated();
    }

    private Object caseOf(Case c, Context context) {
        Object subject = c.subject().map(s -> eval(s, context)).orElse(null);
        for (When branch : c.branches()) {
            Object condition = eval(branch.condition(), context);
            boolean taken = c.subject().isPresent()
                    ? subject != null && condition != null && HogQLValues.compare(subject, condition) == 0
                    : Boolean.TRUE.equals(HogQLValues.truth(condition));
            if (taken) {
                return eval(branch.result(), context);
            }
        }
        return c.otherwise().map(o -> eval(o, context)).orElse(null);
    }

    /** The static type of {@code expr}, given the types of fields. */
    HogQLType type(Expr expr, Function<Field, HogQLType> fields) {
        return typing.type(expr, fields);
    }
}
