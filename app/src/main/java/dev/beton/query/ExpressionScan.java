package dev.beton.query;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the nodes a query's own clauses use (not those of its CTEs), for dialects that join explicitly. */
final class ExpressionScan {

    private ExpressionScan() {}

    static Stream<Expr> nodes(Query query) {
        List<Expr> roots = new ArrayList<>();
        query.items().forEach(i -> roots.add(i.expr()));
        query.joins().forEach(j -> roots.add(j.on()));
        query.where().ifPresent(roots::add);
        roots.addAll(query.groupBy());
        query.having().ifPresent(roots::add);
        query.orderBy().forEach(o -> roots.add(o.expr()));
        return roots.stream().flatMap(ExpressionScan::walk);
    }

    private static Stream<Expr> walk(Expr expr) {
        return Stream.concat(Stream.of(expr), children(expr).stream().flatMap(ExpressionScan::walk));
    }

    private static List<Expr> children(Expr expr) {
        return switch (expr) {
            case Expr.Compare c -> List.of(c.left(), c.right());
            case Expr.Arithmetic a -> List.of(a.left(), a.right());
            case Expr.And a -> a.operands();
            case Expr.Or o -> o.operands();
            case Expr.Not n -> List.of(n.operand());
            case Expr.Like l -> List.of(l.value(), l.pattern());
            case Expr.In in ->
                Stream.concat(Stream.of(in.value()), in.candidates().stream()).toList();
            case Expr.IsNotNull n -> List.of(n.operand());
            case Expr.NotBlank n -> List.of(n.operand());
            case Expr.HasProperty h -> List.of(h.property());
            case Expr.TextOrEmpty t -> List.of(t.operand());
            case Expr.ToNumber n -> List.of(n.operand());
            case Expr.ToText t -> List.of(t.operand());
            case Expr.HasPersonProfile h -> List.of();
            case Expr.DateDiffDays d -> List.of(d.from(), d.to());
            case Expr.StartOfWeek w -> List.of(w.timestamp());
            case Expr.ArgMax a ->
                Stream.concat(Stream.of(a.value(), a.by()), a.condition().stream())
                        .toList();
            case Expr.Aggregate a ->
                Stream.concat(a.argument().stream(), a.condition().stream()).toList();
            case Expr.WindowCall w ->
                Stream.of(
                                w.argument().stream(),
                                w.partitionBy().stream(),
                                w.orderBy().stream().map(Expr.OrderItem::expr))
                        .flatMap(s -> s)
                        .toList();
            case Expr.Column c -> List.of();
            case Expr.Qualified q -> List.of();
            case Expr.EventProperty p -> List.of();
            case Expr.PersonProperty p -> List.of();
            case Expr.GroupProperty p -> List.of();
            case Expr.GroupKey k -> List.of();
            case Expr.Param p -> List.of();
            case Expr.Constant c -> List.of();
            case Expr.AsOf a -> List.of();
            case Expr.WindowStart w -> List.of();
            case Expr.WindowEnd w -> List.of();
        };
    }
}
