package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.HogQLSyntax.Call;
import dev.beton.emulator.posthog.HogQLSyntax.Expr;
import dev.beton.emulator.posthog.HogQLSyntax.Field;
import dev.beton.emulator.posthog.HogQLSyntax.Literal;
import dev.beton.emulator.posthog.HogQLSyntax.Placeholder;
import dev.beton.emulator.posthog.HogQLSyntax.Select;
import dev.beton.emulator.posthog.HogQLSyntax.Windowed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rows of one SELECT as the select list sees them: each source row on its own, or, when the
 * query groups or aggregates, one context per group. Window results are computed over these
 * contexts once and then read back by position.
 */
final class HogQLSelectRows {

    private final HogQLScope scope;
    private final HogQLInterpreter interpreter;
    private final Map<Windowed, Object[]> windows = new HashMap<>();

    HogQLSelectRows(HogQLScope scope, HogQLInterpreter interpreter) {
        this.scope = scope;
        this.interpreter = interpreter;
    }

    boolean passes(Expr condition, List<Object> row) {
        return Boolean.TRUE.equals(HogQLValues.truth(interpreter.eval(condition, new RowContext(row, -1))));
    }

    List<HogQLInterpreter.Context> contexts(Select select, List<List<Object>> rows) {
        List<Expr> output = new ArrayList<>();
        select.items().forEach(i -> output.add(i.expr()));
        select.orderBy().forEach(o -> output.add(o.expr()));
        select.having().ifPresent(output::add);
        boolean aggregates = !select.groupBy().isEmpty() || output.stream().anyMatch(HogQLTrees::containsAggregate);
        if (!aggregates) {
            if (select.having().isPresent()) {
                throw HogQLError.query("HAVING needs GROUP BY or an aggregate");
            }
            List<HogQLInterpreter.Context> contexts = new ArrayList<>();
            for (List<Object> row : rows) {
                contexts.add(new RowContext(row, contexts.size()));
            }
            return contexts;
        }
        Set<Expr> keys = Set.copyOf(select.groupBy());
        output.forEach(e -> checkGrouped(e, keys));
        Map<List<Object>, List<List<Object>>> groups = new LinkedHashMap<>();
        if (select.groupBy().isEmpty()) {
            groups.put(List.of(), rows);
        }
        for (List<Object> row : select.groupBy().isEmpty() ? List.<List<Object>>of() : rows) {
            RowContext context = new RowContext(row, -1);
            List<Object> key = new ArrayList<>();
            select.groupBy().forEach(e -> key.add(interpreter.eval(e, context)));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<HogQLInterpreter.Context> contexts = new ArrayList<>();
        for (List<List<Object>> group : groups.values()) {
            GroupContext context = new GroupContext(group, contexts.size());
            if (select.having().isEmpty()
                    || Boolean.TRUE.equals(
                            HogQLValues.truth(interpreter.eval(select.having().get(), context)))) {
                contexts.add(new GroupContext(group, contexts.size()));
            }
        }
        return contexts;
    }

    /** ClickHouse refuses a column that is neither grouped nor aggregated; so does the emulator. */
    private static void checkGrouped(Expr expr, Set<Expr> keys) {
        if (keys.contains(expr)
                || HogQLTrees.isAggregate(expr)
                || expr instanceof Literal
                || expr instanceof Placeholder) {
            return;
        }
        if (expr instanceof Field field) {
            throw HogQLError.query("Field `" + String.join(".", field.path())
                    + "` is not under an aggregate function and not in GROUP BY");
        }
        HogQLTrees.children(expr).forEach(child -> checkGrouped(child, keys));
    }

    void computeWindows(Select select, List<HogQLInterpreter.Context> contexts) {
        List<Expr> output = new ArrayList<>();
        select.items().forEach(i -> output.add(i.expr()));
        select.orderBy().forEach(o -> output.add(o.expr()));
        Function<Expr, HogQLType> typeOf = e -> interpreter.type(e, scope::type);
        for (Expr expr : output) {
            HogQLTrees.any(expr, e -> {
                if (e instanceof Windowed w && !windows.containsKey(w)) {
                    windows.put(w, HogQLWindows.compute(w, contexts, interpreter, typeOf));
                }
                return false;
            });
        }
    }

    private Object window(Windowed window, int index) {
        Object[] values = windows.get(window);
        if (values == null || index < 0) {
            throw HogQLError.query("Window functions are only allowed in the select list and ORDER BY");
        }
        return values[index];
    }

    /** One source row. */
    private final class RowContext implements HogQLInterpreter.Context {
        private final List<Object> row;
        private final int index;

        RowContext(List<Object> row, int index) {
            this.row = row;
            this.index = index;
        }

        @Override
        public Object field(Field field) {
            return scope.value(field, row);
        }

        @Override
        public Object aggregate(Call call) {
            throw HogQLError.query("Aggregation '" + call.name() + "' is not allowed here");
        }

        @Override
        public Object window(Windowed window) {
            return HogQLSelectRows.this.window(window, index);
        }
    }

    /** The rows of one group; grouped fields are read from its first row. */
    private final class GroupContext implements HogQLInterpreter.Context {
        private final List<List<Object>> rows;
        private final int index;

        GroupContext(List<List<Object>> rows, int index) {
            this.rows = rows;
            this.index = index;
        }

        @Override
        public Object field(Field field) {
            return scope.value(field, rows.getFirst());
        }

        @Override
        public Object aggregate(Call call) {
            return HogQLAggregates.apply(
                    call,
                    rows,
                    (e, row) -> interpreter.eval(e, new RowContext(row, -1)),
                    e -> interpreter.type(e, scope::type));
        }

        @Override
        public Object window(Windowed window) {
            return HogQLSelectRows.this.window(window, index);
        }
    }
}
