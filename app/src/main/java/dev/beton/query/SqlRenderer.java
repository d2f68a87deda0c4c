package dev.beton.query;

import dev.beton.query.Expr.Aggregate;
import dev.beton.query.Expr.OrderItem;
import dev.beton.query.Query.Source;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes a {@link Query} as SQL text. The structure of a query (clauses, boolean logic,
 * comparisons) is the same in every dialect; the nodes each dialect spells its own way are the
 * abstract methods.
 */
abstract sealed class SqlRenderer permits DuckDbRenderer, HogQlRenderer, ClickHouseRenderer {

    private static final String STEP = "    ";

    final RenderedQuery render(Query query, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        ParameterBinder binder = new ParameterBinder(asOf);
        String sql = query(query, "", binder, java.util.Map.of());
        return new RenderedQuery(dialect(), sql, binder.bound());
    }

    abstract Dialect dialect();

    abstract String identifier(String name);

    /** The events table for {@code query}'s FROM clause (the query, for dialects that join into it). */
    abstract String eventsTable(Query query);

    /** Joins the dialect needs to reach person and group properties (HogQL joins them lazily). */
    abstract List<String> implicitJoins(Query query);

    abstract String parameter(Expr.Param param, ParameterBinder binder);

    abstract String timestampParameter(String name, Instant value, ParameterBinder binder);

    abstract String eventProperty(Expr.EventProperty property);

    abstract String hasProperty(Expr.EventProperty property);

    abstract String personProperty(Expr.PersonProperty property);

    abstract String groupProperty(Expr.GroupProperty property);

    abstract String groupKey(Expr.GroupKey key);

    abstract String aggregate(Aggregate aggregate, Function<Expr, String> render);

    abstract String argMax(String value, String by, java.util.Optional<String> condition);

    abstract String toNumber(String operand);

    abstract String toText(String operand);

    abstract String hasPersonProfile();

    abstract String dateDiffDays(String from, String to);

    abstract String startOfWeek(String timestamp);

    abstract String previousOrZero(String argument, String over);

    /** The frame clause {@code PREVIOUS_OR_ZERO} needs to see the whole partition, or "" if none. */
    abstract String windowFrame();

    /**
     * Whether common table expressions are written as subqueries where they are read instead of in
     * a WITH clause: ClickHouse before 20.x knows WITH only for scalar expressions.
     */
    boolean inlinesCtes() {
        return false;
    }

    /** Refuses window calls on an engine without window functions; the default accepts them. */
    void requireWindowFunctions() {}

    private String query(Query query, String indent, ParameterBinder binder, java.util.Map<String, Query> outerCtes) {
        StringBuilder sql = new StringBuilder();
        java.util.Map<String, Query> ctes = new java.util.LinkedHashMap<>(outerCtes);
        query.with().forEach(cte -> ctes.put(cte.name(), cte.query()));
        if (!query.with().isEmpty() && !inlinesCtes()) {
            sql.append(indent).append("WITH ");
            sql.append(query.with().stream()
                    .map(cte ->
                            identifier(cte.name()) + " AS (\n" + query(cte.query(), indent + STEP, binder, outerCtes)
                                    + "\n"
                                    + indent + ")")
                    .collect(Collectors.joining(",\n" + indent)));
            sql.append('\n');
        }
        sql.append(indent).append("SELECT\n");
        sql.append(query.items().stream()
                .map(item -> indent + STEP + expr(item.expr(), binder) + " AS " + identifier(item.alias()))
                .collect(Collectors.joining(",\n")));
        sql.append('\n').append(indent).append("FROM ").append(source(query.from(), query, indent, binder, ctes));
        for (String join : implicitJoins(query)) {
            sql.append('\n').append(indent).append(join);
        }
        for (Query.Join join : query.joins()) {
            sql.append('\n')
                    .append(indent)
                    .append(join.kind() == Query.JoinKind.LEFT ? "LEFT JOIN " : "INNER JOIN ")
                    .append(source(join.source(), query, indent, binder, ctes))
                    .append(" ON ")
                    .append(expr(join.on(), binder));
        }
        query.where()
                .ifPresent(w -> sql.append('\n').append(indent).append("WHERE ").append(expr(w, binder)));
        if (!query.groupBy().isEmpty()) {
            sql.append('\n').append(indent).append("GROUP BY ").append(list(query.groupBy(), binder));
        }
        query.having()
                .ifPresent(
                        h -> sql.append('\n').append(indent).append("HAVING ").append(expr(h, binder)));
        if (!query.orderBy().isEmpty()) {
            sql.append('\n').append(indent).append("ORDER BY ").append(orderList(query.orderBy(), binder));
        }
        query.limit()
                .ifPresent(n -> sql.append('\n').append(indent).append("LIMIT ").append(n));
        return sql.toString();
    }

    private String source(
            Source source, Query owner, String indent, ParameterBinder binder, java.util.Map<String, Query> ctes) {
        return switch (source) {
            case Source.Events events -> eventsTable(owner);
            case Source.CteRef ref
            when inlinesCtes() -> {
                Query inlined = ctes.get(ref.name());
                if (inlined == null) {
                    throw new IllegalArgumentException("No common table expression named " + ref.name());
                }
                yield "(\n" + query(inlined, indent + STEP, binder, ctes) + "\n" + indent + ") AS "
                        + identifier(ref.alias());
            }
            case Source.CteRef ref -> identifier(ref.name()) + " AS " + identifier(ref.alias());
        };
    }

    final String expr(Expr expr, ParameterBinder binder) {
        Function<Expr, String> r = e -> expr(e, binder);
        return switch (expr) {
            case Expr.Column c -> identifier(c.name());
            case Expr.Qualified q -> identifier(q.source()) + "." + identifier(q.name());
            case Expr.EventProperty p -> eventProperty(p);
            case Expr.PersonProperty p -> personProperty(p);
            case Expr.GroupProperty p -> groupProperty(p);
            case Expr.GroupKey k -> groupKey(k);
            case Expr.Param p -> parameter(p, binder);
            case Expr.Constant n -> constant(n.value());
            case Expr.AsOf a -> timestampParameter("as_of", binder.asOf(), binder);
            case Expr.WindowStart w ->
                timestampParameter(
                        w.window().startParameter(),
                        w.window().resolve(binder.asOf()).start(),
                        binder);
            case Expr.WindowEnd w ->
                timestampParameter(
                        w.window().endParameter(),
                        w.window().resolve(binder.asOf()).end(),
                        binder);
            case Expr.Compare c -> r.apply(c.left()) + " " + comparison(c.op()) + " " + r.apply(c.right());
            case Expr.Arithmetic a ->
                "(" + r.apply(a.left()) + " " + arithmetic(a.op()) + " " + r.apply(a.right()) + ")";
            case Expr.And a -> a.operands().stream().map(r).collect(Collectors.joining(" AND "));
            case Expr.Or o -> "(" + o.operands().stream().map(r).collect(Collectors.joining(" OR ")) + ")";
            case Expr.Not n
            when n.operand() instanceof Expr.In in ->
                r.apply(in.value()) + " NOT IN (" + list(in.candidates(), binder) + ")";
            case Expr.Not n -> "NOT (" + r.apply(n.operand()) + ")";
            case Expr.Like l -> r.apply(l.value()) + " LIKE " + r.apply(l.pattern());
            case Expr.In in -> r.apply(in.value()) + " IN (" + list(in.candidates(), binder) + ")";
            case Expr.IsNotNull n -> r.apply(n.operand()) + " IS NOT NULL";
            case Expr.NotBlank n -> "coalesce(" + r.apply(n.operand()) + ", '') != ''";
            case Expr.HasProperty h -> hasProperty(h.property());
            case Expr.TextOrEmpty t -> "coalesce(" + r.apply(t.operand()) + ", '')";
            case Expr.ToNumber n -> toNumber(r.apply(n.operand()));
            case Expr.ToText t -> toText(r.apply(t.operand()));
            case Expr.HasPersonProfile h -> hasPersonProfile();
            case Expr.DateDiffDays d -> dateDiffDays(r.apply(d.from()), r.apply(d.to()));
            case Expr.StartOfWeek w -> startOfWeek(r.apply(w.timestamp()));
            case Aggregate a -> aggregate(a, r);
            case Expr.ArgMax a ->
                argMax(r.apply(a.value()), r.apply(a.by()), a.condition().map(r));
            case Expr.WindowCall w -> windowCall(w, binder);
        };
    }

    private String windowCall(Expr.WindowCall call, ParameterBinder binder) {
        requireWindowFunctions();
        StringBuilder over = new StringBuilder();
        if (!call.partitionBy().isEmpty()) {
            over.append("PARTITION BY ").append(list(call.partitionBy(), binder));
        }
        if (!call.orderBy().isEmpty()) {
            over.append(over.isEmpty() ? "" : " ").append("ORDER BY ").append(orderList(call.orderBy(), binder));
        }
        String frame = call.function() == Expr.WindowFunction.PREVIOUS_OR_ZERO ? windowFrame() : "";
        if (!frame.isEmpty()) {
            over.append(over.isEmpty() ? "" : " ").append(frame);
        }
        String clause = "OVER (" + over + ")";
        return switch (call.function()) {
            case PREVIOUS_OR_ZERO -> previousOrZero(expr(call.argument().orElseThrow(), binder), clause);
            case ROW_NUMBER -> "row_number() " + clause;
        };
    }

    private String list(List<Expr> expressions, ParameterBinder binder) {
        return expressions.stream().map(e -> expr(e, binder)).collect(Collectors.joining(", "));
    }

    private String orderList(List<OrderItem> items, ParameterBinder binder) {
        return items.stream()
                .map(o -> expr(o.expr(), binder) + (o.descending() ? " DESC" : " ASC"))
                .collect(Collectors.joining(", "));
    }

    private static String constant(Number value) {
        return value instanceof Double d ? java.math.BigDecimal.valueOf(d).toPlainString() : value.toString();
    }

    private static String comparison(Expr.Comparison op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "!=";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
        };
    }

    private static String arithmetic(Expr.ArithmeticOperator op) {
        return switch (op) {
            case PLUS -> "+";
            case MINUS -> "-";
            case TIMES -> "*";
            case DIVIDED_BY -> "/";
        };
    }
}
