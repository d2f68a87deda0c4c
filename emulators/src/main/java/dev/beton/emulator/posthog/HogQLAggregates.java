package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.HogQLSyntax.Call;
import dev.beton.emulator.posthog.HogQLSyntax.Expr;
import dev.beton.emulator.posthog.HogQLSyntax.Star;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Aggregate functions over the rows of one group, with the {@code -If} combinator (the last
 * argument is a condition). NULL arguments are skipped, as in ClickHouse; an aggregate that sees
 * no value answers its type's default (NULL for a Nullable argument, 0 for a count). {@code uniq}
 * is exact here where PostHog's is approximate: identical for the small sets tests use.
 */
final class HogQLAggregates {

    /** Base name (lower case) to its number of arguments. */
    private static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("count", -1),
            Map.entry("uniq", 1),
            Map.entry("uniqexact", 1),
            Map.entry("min", 1),
            Map.entry("max", 1),
            Map.entry("sum", 1),
            Map.entry("avg", 1),
            Map.entry("any", 1),
            Map.entry("anylast", 1),
            Map.entry("argmax", 2),
            Map.entry("argmin", 2));

    private record Spec(String base, boolean conditional) {}

    private HogQLAggregates() {}

    static boolean isAggregate(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ARITY.containsKey(lower)
                || (lower.endsWith("if") && ARITY.containsKey(lower.substring(0, lower.length() - 2)));
    }

    private static Spec spec(Call call) {
        String lower = call.name().toLowerCase(Locale.ROOT);
        Spec spec = ARITY.containsKey(lower)
                ? new Spec(lower, false)
                : new Spec(lower.substring(0, lower.length() - 2), true);
        int expected = ARITY.get(spec.base());
        int given = call.arguments().size() - (spec.conditional() ? 1 : 0);
        boolean countArity = spec.base().equals("count") && given <= 1;
        if (!countArity && given != expected) {
            throw HogQLError.query(
                    "Aggregation '" + call.name() + "' expects " + (expected + (spec.conditional() ? 1 : 0))
                            + " arguments, got " + call.arguments().size());
        }
        if (call.distinct() && !spec.base().equals("count")) {
            throw HogQLError.unsupported(call.name() + "(DISTINCT …)");
        }
        return spec;
    }

    static HogQLType type(Call call, Function<Expr, HogQLType> typeOf) {
        Spec spec = spec(call);
        return switch (spec.base()) {
            case "count", "uniq", "uniqexact" -> HogQLType.UINT64;
            case "avg" -> HogQLType.FLOAT64;
            case "sum" ->
                typeOf.apply(call.arguments().getFirst()).base().startsWith("Float")
                        ? HogQLType.FLOAT64
                        : HogQLType.INT64;
            default -> typeOf.apply(call.arguments().getFirst());
        };
    }

    /**
     * @param eval evaluates an argument on one row of the group
     * @param typeOf the static type of an argument, for the default of an aggregate without values
     */
    static Object apply(
            Call call,
            List<List<Object>> rows,
            BiFunction<Expr, List<Object>, Object> eval,
            Function<Expr, HogQLType> typeOf) {
        Spec spec = spec(call);
        List<Expr> arguments = call.arguments();
        List<List<Object>> kept = rows;
        if (spec.conditional()) {
            Expr condition = arguments.getLast();
            kept = rows.stream()
                    .filter(r -> Boolean.TRUE.equals(HogQLValues.truth(eval.apply(condition, r))))
                    .toList();
            arguments = arguments.subList(0, arguments.size() - 1);
        }
        if (spec.base().equals("count") && (arguments.isEmpty() || arguments.getFirst() instanceof Star)) {
            return (long) kept.size();
        }
        Expr argument = arguments.getFirst();
        List<Object> values = new ArrayList<>();
        for (List<Object> row : kept) {
            values.add(eval.apply(argument, row));
        }
        List<Object> present = values.stream().filter(Objects::nonNull).toList();
        Object fallback = typeOf.apply(argument).defaultValue();
        return switch (spec.base()) {
            case "count" -> (long) (call.distinct() ? new LinkedHashSet<>(present).size() : present.size());
            case "uniq", "uniqexact" -> (long) new LinkedHashSet<>(present).size();
            case "min" -> present.stream().min(HogQLValues.ORDER).orElse(fallback);
            case "max" -> present.stream().max(HogQLValues.ORDER).orElse(fallback);
            case "any" -> present.isEmpty() ? fallback : present.getFirst();
            case "anylast" -> present.isEmpty() ? fallback : present.getLast();
            case "sum" -> sum(present, typeOf.apply(argument));
            case "avg" ->
                present.isEmpty()
                        ? Double.NaN
                        : present.stream()
                                .mapToDouble(HogQLValues::toDouble)
                                .average()
                                .orElseThrow();
            case "argmax", "argmin" ->
                arg(spec.base().equals("argmax"), values, kept, arguments.get(1), eval, fallback);
            default -> throw new IllegalStateException(spec.base());
        };
    }

    private static Object sum(List<Object> values, HogQLType type) {
        if (type.base().startsWith("Float") || values.stream().anyMatch(v -> !(v instanceof Long))) {
            return values.stream().mapToDouble(HogQLValues::toDouble).sum();
        }
        return values.stream().mapToLong(v -> (Long) v).sum();
    }

    /** The value on the row with the greatest (least) {@code by}; the first such row wins a tie. */
    private static Object arg(
            boolean max,
            List<Object> values,
            List<List<Object>> rows,
            Expr by,
            BiFunction<Expr, List<Object>, Object> eval,
            Object fallback) {
        Object best = null;
        Object bestValue = fallback;
        for (int i = 0; i < rows.size(); i++) {
            Object key = eval.apply(by, rows.get(i));
            if (key == null) {
                continue;
            }
            int order = best == null ? 1 : HogQLValues.compare(key, best);
            if (best == null || (max ? order > 0 : order < 0)) {
                best = key;
                bestValue = values.get(i);
            }
        }
        return bestValue;
    }
}
