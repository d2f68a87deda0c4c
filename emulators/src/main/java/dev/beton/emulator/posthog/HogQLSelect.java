package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.HogQLScope.Relation;
import dev.beton.emulator.posthog.HogQLSyntax.Call;
import dev.beton.emulator.posthog.HogQLSyntax.Cte;
import dev.beton.emulator.posthog.HogQLSyntax.Expr;
import dev.beton.emulator.posthog.HogQLSyntax.Item;
import dev.beton.emulator.posthog.HogQLSyntax.Join;
import dev.beton.emulator.posthog.HogQLSyntax.Literal;
import dev.beton.emulator.posthog.HogQLSyntax.Order;
import dev.beton.emulator.posthog.HogQLSyntax.Placeholder;
import dev.beton.emulator.posthog.HogQLSyntax.Select;
import dev.beton.emulator.posthog.HogQLSyntax.Source;
import dev.beton.emulator.posthog.HogQLSyntax.Star;
import dev.beton.emulator.posthog.HogQLSyntax.Subquery;
import dev.beton.emulator.posthog.HogQLSyntax.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one SELECT in SQL's logical order: CTEs, FROM and joins, WHERE, GROUP BY (or one group
 * when aggregates appear without it), HAVING, window functions, the select list, DISTINCT,
 * ORDER BY, LIMIT. Aliases may be used anywhere in their SELECT, as ClickHouse allows.
 */
final class HogQLSelect {

    private final EventsTable events;
    private final List<CapturedEvent> eventRows;
    private final HogQLInterpreter interpreter;

    HogQLSelect(EventsTable events, List<CapturedEvent> eventRows, HogQLInterpreter interpreter) {
        this.events = events;
        this.eventRows = eventRows;
        this.interpreter = interpreter;
    }

    /** @param ctes relations visible by name (CTEs of enclosing queries) */
    Relation run(Select select, Map<String, Relation> ctes) {
        Map<String, Relation> visible = new HashMap<>(ctes);
        for (Cte cte : select.with()) {
            visible.put(cte.name(), run(cte.select(), visible));
        }
        HogQLScope scope = new HogQLScope();
        List<List<Object>> rows = select.from().isEmpty()
                ? List.of(List.of())
                : source(select.from().get(), scope, visible).stream()
                        .map(r -> (List<Object>) new ArrayList<>(List.of(r)))
                        .toList();
        for (Join join : select.joins()) {
            rows = join(rows, join, scope, visible);
        }
        Map<String, Expr> aliases = aliases(select.items());
        Select expanded = expand(select, aliases);
        HogQLSelectRows stage = new HogQLSelectRows(scope, interpreter);
        if (expanded.where().isPresent()) {
            Expr where = expanded.where().get();
            rows = rows.stream().filter(r -> stage.passes(where, r)).toList();
        }
        List<HogQLInterpreter.Context> contexts = stage.contexts(expanded, rows);
        stage.computeWindows(expanded, contexts);
        List<List<Object>> output = new ArrayList<>();
        List<List<Object>> orderKeys = new ArrayList<>();
        for (HogQLInterpreter.Context context : contexts) {
            output.add(expanded.items().stream()
                    .map(i -> interpreter.eval(i.expr(), context))
                    .toList());
            orderKeys.add(expanded.orderBy().stream()
                    .map(o -> interpreter.eval(o.expr(), context))
                    .toList());
        }
        List<Integer> order = order(output, orderKeys, expanded);
        long limit = expanded.limit().map(this::limit).orElse(Long.MAX_VALUE);
        List<List<Object>> result = order.stream().limit(limit).map(output::get).toList();
        List<HogQLType> types = expanded.items().stream()
                .map(i -> interpreter.type(i.expr(), scope::type))
                .toList();
        return new Relation(select.items().stream().map(Item::name).toList(), types, result);
    }

    private List<Object> source(Source source, HogQLScope scope, Map<String, Relation> ctes) {
        return switch (source) {
            case Subquery sub -> rowsOf(new HogQLScope.Rows(sub.alias(), run(sub.select(), ctes)), scope);
            case Table table
            when ctes.containsKey(table.name()) ->
                rowsOf(new HogQLScope.Rows(table.alias(), ctes.get(table.name())), scope);
            case Table table
            when table.name().equals("events") -> {
                scope.add(new HogQLScope.Events(table.alias(), events));
                yield new ArrayList<>(eventRows);
            }
            case Table table
            when table.name().equals("groups") ->
                rowsOf(new HogQLScope.Rows(table.alias(), events.groupsTable()), scope);
            case Table table
            when List.of("persons", "sessions", "person_distinct_ids").contains(table.name()) ->
                throw HogQLError.unsupported("the table " + table.name() + " (only events and CTEs)");
            case Table table -> throw HogQLError.query("Unknown table `" + table.name() + "`.");
        };
    }

    private static List<Object> rowsOf(HogQLScope.Rows binding, HogQLScope scope) {
        scope.add(binding);
        return new ArrayList<>(binding.relation().rows());
    }

    /**
     * A nested-loop join. An unmatched row of a LEFT JOIN gets the right side's column defaults,
     * as ClickHouse does without {@code join_use_nulls}.
     */
    private List<List<Object>> join(List<List<Object>> left, Join join, HogQLScope scope, Map<String, Relation> ctes) {
        List<Object> right = source(join.source(), scope, ctes);
        HogQLSelectRows stage = new HogQLSelectRows(scope, interpreter);
        List<List<Object>> joined = new ArrayList<>();
        for (List<Object> row : left) {
            boolean matched = false;
            for (Object candidate : right) {
                List<Object> combined = new ArrayList<>(row);
                combined.add(candidate);
                if (stage.passes(join.on(), combined)) {
                    joined.add(combined);
                    matched = true;
                }
            }
            if (join.left() && !matched) {
                List<Object> combined = new ArrayList<>(row);
                combined.add(
                        switch (scope.binding(scope.size() - 1)) {
                            case HogQLScope.Rows rows -> rows.relation().defaults();
                            case HogQLScope.Events e -> throw HogQLError.unsupported("LEFT JOIN events");
                        });
                joined.add(combined);
            }
        }
        return joined;
    }

    private static Map<String, Expr> aliases(List<Item> items) {
        Map<String, Expr> aliases = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.expr() instanceof Star) {
                throw HogQLError.unsupported("SELECT *");
            }
            item.alias().ifPresent(alias -> {
                if (aliases.put(alias, item.expr()) != null) {
                    throw HogQLError.query("Cannot redefine an alias: " + alias);
                }
            });
        }
        return aliases;
    }

    private static Select expand(Select select, Map<String, Expr> aliases) {
        List<Item> items = select.items().stream()
                .map(i -> new Item(HogQLTrees.expandAliases(i.expr(), aliases), i.alias(), i.text()))
                .toList();
        List<Order> orderBy = select.orderBy().stream()
                .map(o -> new Order(HogQLTrees.expandAliases(o.expr(), aliases), o.descending()))
                .toList();
        Select expanded = new Select(
                List.of(),
                select.distinct(),
                items,
                select.from(),
                select.joins(),
                select.where().map(e -> HogQLTrees.expandAliases(e, aliases)),
                select.groupBy().stream()
                        .map(e -> HogQLTrees.expandAliases(e, aliases))
                        .toList(),
                select.having().map(e -> HogQLTrees.expandAliases(e, aliases)),
                orderBy,
                select.limit());
        checkFunctions(expanded);
        checkNotPositional(expanded);
        return expanded;
    }

    /**
     * ClickHouse reads {@code ORDER BY 2} as the second column (positional arguments) where
     * older settings read a constant; rather than pick one, the emulator refuses both.
     */
    private static void checkNotPositional(Select select) {
        List<Expr> keys = new ArrayList<>(select.groupBy());
        select.orderBy().forEach(o -> keys.add(o.expr()));
        if (keys.stream().anyMatch(k -> k instanceof Literal literal && literal.value() instanceof Long)) {
            throw HogQLError.unsupported("positional GROUP BY or ORDER BY (a number)");
        }
    }

    /** Every call is known before any row is read, so an unknown function never hides in a branch not taken. */
    private static void checkFunctions(Select select) {
        List<Expr> all = new ArrayList<>();
        select.items().forEach(i -> all.add(i.expr()));
        select.where().ifPresent(all::add);
        all.addAll(select.groupBy());
        select.having().ifPresent(all::add);
        select.orderBy().forEach(o -> all.add(o.expr()));
        select.joins().forEach(j -> all.add(j.on()));
        for (Expr expr : all) {
            HogQLTrees.any(expr, e -> {
                if (e instanceof Call c
                        && !HogQLAggregates.isAggregate(c.name())
                        && !HogQLWindows.isWindowFunction(c.name())
                        && !HogQLFunctions.isKnown(c.name())) {
                    throw HogQLError.unsupported("the function " + c.name() + "()");
                }
                return false;
            });
        }
    }

    private List<Integer> order(List<List<Object>> output, List<List<Object>> keys, Select select) {
        List<Integer> indices = new ArrayList<>();
        Set<List<Object>> seen = new LinkedHashSet<>();
        for (int i = 0; i < output.size(); i++) {
            if (!select.distinct() || seen.add(output.get(i))) {
                indices.add(i);
            }
        }
        indices.sort(Comparator.comparing(keys::get, rowOrder(select.orderBy())));
        return indices;
    }

    /** Compares order keys; NULLs last in both directions, as ClickHouse sorts by default. */
    static Comparator<List<Object>> rowOrder(List<Order> order) {
        return (a, b) -> {
            for (int i = 0; i < order.size(); i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                int c;
                if (x == null || y == null) {
                    c = HogQLValues.compare(x, y);
                } else {
                    c = order.get(i).descending() ? HogQLValues.compare(y, x) : HogQLValues.compare(x, y);
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private long limit(Expr expr) {
        Object value =
                switch (expr) {
                    case Literal l -> l.value();
                    case Placeholder p -> interpreter.placeholder(p.name());
                    default -> throw HogQLError.unsupported("a LIMIT that is not a number");
                };
        if (!(value instanceof Long n) || n < 0) {
            throw HogQLError.query("LIMIT expects a non-negative integer, got " + HogQLValues.describe(value));
        }
        return n;
    }
}
