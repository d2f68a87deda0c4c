package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.HogQLSyntax.Call;
import dev.beton.emulator.posthog.HogQLSyntax.Expr;
import dev.beton.emulator.posthog.HogQLSyntax.Order;
import dev.beton.emulator.posthog.HogQLSyntax.Windowed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Window functions over the rows of a SELECT after grouping: {@code row_number()},
 * {@code lagInFrame(x[, n[, default]])} and {@code leadInFrame(…)}, partitioned and ordered as
 * their {@code OVER} says. A missing neighbour gives the default, or the type's default value
 * (ClickHouse's {@code 0} or {@code ''}, not NULL).
 */
final class HogQLWindows {

    private static final Set<String> FUNCTIONS = Set.of("row_number", "laginframe", "leadinframe");

    private HogQLWindows() {}

    static boolean isWindowFunction(String name) {
        return FUNCTIONS.contains(name.toLowerCase(Locale.ROOT));
    }

    static HogQLType type(Call function, Function<Expr, HogQLType> typeOf) {
        return switch (function.name().toLowerCase(Locale.ROOT)) {
            case "row_number" -> HogQLType.UINT64;
            case "laginframe", "leadinframe" ->
                typeOf.apply(function.arguments().getFirst());
            default -> throw HogQLError.unsupported(function.name() + "() OVER (…)");
        };
    }

    /** The function's value for each context, in the contexts' order. */
    static Object[] compute(
            Windowed window,
            List<HogQLInterpreter.Context> contexts,
            HogQLInterpreter interpreter,
            Function<Expr, HogQLType> typeOf) {
        String name = window.function().name().toLowerCase(Locale.ROOT);
        if (!FUNCTIONS.contains(name)) {
            throw HogQLError.unsupported(window.function().name() + "() OVER (…)");
        }
        if (name.equals("leadinframe") && !window.wholePartition()) {
            // The default frame ends at the current row, so ClickHouse's leadInFrame sees no next row.
            throw HogQLError.unsupported(
                    "leadInFrame() without ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING");
        }
        Map<List<Object>, List<Integer>> partitions = new LinkedHashMap<>();
        for (int i = 0; i < contexts.size(); i++) {
            HogQLInterpreter.Context context = contexts.get(i);
            List<Object> key = new ArrayList<>();
            window.partitionBy().forEach(e -> key.add(interpreter.eval(e, context)));
            partitions.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        Object[] results = new Object[contexts.size()];
        for (List<Integer> partition : partitions.values()) {
            List<Integer> ordered = sorted(partition, window.orderBy(), contexts, interpreter);
            for (int position = 0; position < ordered.size(); position++) {
                results[ordered.get(position)] =
                        value(name, window.function(), ordered, position, contexts, interpreter, typeOf);
            }
        }
        return results;
    }

    private static List<Integer> sorted(
            List<Integer> rows,
            List<Order> order,
            List<HogQLInterpreter.Context> contexts,
            HogQLInterpreter interpreter) {
        Map<Integer, List<Object>> keys = new LinkedHashMap<>();
        for (int row : rows) {
            keys.put(
                    row,
                    order.stream()
                            .map(o -> interpreter.eval(o.expr(), contexts.get(row)))
                            .toList());
        }
        List<Integer> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(keys::get, HogQLSelect.rowOrder(order)));
        return sorted;
    }

    private static Object value(
            String name,
            Call function,
            List<Integer> ordered,
            int position,
            List<HogQLInterpreter.Context> contexts,
            HogQLInterpreter interpreter,
            Function<Expr, HogQLType> typeOf) {
        if (name.equals("row_number")) {
            return (long) position + 1;
        }
        List<Expr> args = function.arguments();
        if (args.isEmpty() || args.size() > 3) {
            throw HogQLError.query("Function '" + function.name() + "' expects 1 to 3 arguments");
        }
        HogQLInterpreter.Context here = contexts.get(ordered.get(position));
        long offset = args.size() > 1 ? (long) HogQLValues.toDouble(interpreter.eval(args.get(1), here)) : 1;
        int target = (int) (name.equals("laginframe") ? position - offset : position + offset);
        if (target < 0 || target >= ordered.size()) {
            return args.size() > 2
                    ? interpreter.eval(args.get(2), here)
                    : typeOf.apply(args.getFirst()).defaultValue();
        }
        return interpreter.eval(args.getFirst(), contexts.get(ordered.get(target)));
    }
}
