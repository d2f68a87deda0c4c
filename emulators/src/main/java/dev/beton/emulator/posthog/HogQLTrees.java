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
import dev.beton.emulator.posthog.HogQLSyntax.Order;
import dev.beton.emulator.posthog.HogQLSyntax.Placeholder;
import dev.beton.emulator.posthog.HogQLSyntax.Star;
import dev.beton.emulator.posthog.HogQLSyntax.When;
import dev.beton.emulator.posthog.HogQLSyntax.Windowed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** Walks and rewrites expression trees: alias expansion, aggregate detection, GROUP BY checks. */
final class HogQLTrees {

    private HogQLTrees() {}

    static List<Expr> children(Expr expr) {
        return switch (expr) {
            case Literal l -> List.of();
            case Placeholder p -> List.of();
            case Field f -> List.of();
            case Star s -> List.of();
            case Call c -> c.arguments();
            case Binary b -> List.of(b.left(), b.right());
            case Not n -> List.of(n.operand());
            case Negate n -> List.of(n.operand());
            case InList in -> concat(List.of(in.operand()), in.options());
            case IsNull n -> List.of(n.operand());
            case Like l -> List.of(l.operand(), l.pattern());
            case Case c -> {
                List<Expr> all = new ArrayList<>();
                c.subject().ifPresent(all::add);
                c.branches().forEach(w -> all.addAll(List.of(w.condition(), w.result())));
                c.otherwise().ifPresent(all::add);
                yield all;
            }
            case Interval i -> List.of(i.amount());
            case Windowed w -> {
                List<Expr> all = new ArrayList<>(w.function().arguments());
                all.addAll(w.partitionBy());
                w.orderBy().forEach(o -> all.add(o.expr()));
                yield all;
            }
        };
    }

    private static List<Expr> concat(List<Expr> a, List<Expr> b) {
        List<Expr> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static boolean any(Expr expr, Predicate<Expr> test) {
        return test.test(expr) || children(expr).stream().anyMatch(child -> any(child, test));
    }

    static boolean isAggregate(Expr expr) {
        return expr instanceof Call call && HogQLAggregates.isAggregate(call.name());
    }

    /** Aggregates anywhere, window arguments included; a window function itself is not one. */
    static boolean containsAggregate(Expr expr) {
        return any(expr, HogQLTrees::isAggregate);
    }

    /**
     * Rewrites bottom-up where {@code replace} answers; the tree is otherwise rebuilt unchanged.
     * A window's own function is not offered to {@code replace}, only its arguments.
     */
    static Expr rewrite(Expr expr, Function<Expr, Optional<Expr>> replace) {
        Optional<Expr> replaced = replace.apply(expr);
        if (replaced.isPresent()) {
            return replaced.get();
        }
        Function<Expr, Expr> r = e -> rewrite(e, replace);
        return switch (expr) {
            case Literal l -> l;
            case Placeholder p -> p;
            case Field f -> f;
            case Star s -> s;
            case Call c -> new Call(c.name(), c.arguments().stream().map(r).toList(), c.distinct());
            case Binary b -> new Binary(b.operator(), r.apply(b.left()), r.apply(b.right()));
            case Not n -> new Not(r.apply(n.operand()));
            case Negate n -> new Negate(r.apply(n.operand()));
            case InList in ->
                new InList(r.apply(in.operand()), in.options().stream().map(r).toList(), in.negated());
            case IsNull n -> new IsNull(r.apply(n.operand()), n.negated());
            case Like l -> new Like(r.apply(l.operand()), r.apply(l.pattern()), l.caseInsensitive(), l.negated());
            case Case c ->
                new Case(
                        c.subject().map(r),
                        c.branches().stream()
                                .map(w -> new When(r.apply(w.condition()), r.apply(w.result())))
                                .toList(),
                        c.otherwise().map(r));
            case Interval i -> new Interval(r.apply(i.amount()), i.unit());
            case Windowed w ->
                new Windowed(
                        new Call(
                                w.function().name(),
                                w.function().arguments().stream().map(r).toList(),
                                w.function().distinct()),
                        w.partitionBy().stream().map(r).toList(),
                        w.orderBy().stream()
                                .map(o -> new Order(r.apply(o.expr()), o.descending()))
                                .toList(),
                        w.wholePartition());
        };
    }

    /**
     * Replaces single-name fields that are select aliases by the aliased expression, as
     * ClickHouse lets aliases be used anywhere in their SELECT. An alias is not expanded inside
     * its own expansion, so {@code event AS event} stays the column.
     */
    static Expr expandAliases(Expr expr, Map<String, Expr> aliases) {
        return expandAliases(expr, aliases, new HashSet<>());
    }

    private static Expr expandAliases(Expr expr, Map<String, Expr> aliases, Set<String> expanding) {
        return rewrite(expr, e -> {
            if (e instanceof Field f
                    && f.path().size() == 1
                    && aliases.containsKey(f.last())
                    && !expanding.contains(f.last())) {
                expanding.add(f.last());
                Expr expanded = expandAliases(aliases.get(f.last()), aliases, expanding);
                expanding.remove(f.last());
                return Optional.of(expanded);
            }
            return Optional.empty();
        });
    }
}
