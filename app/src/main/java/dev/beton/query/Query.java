package dev.beton.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable SELECT: common table expressions, a select list, one source with optional joins,
 * filter, grouping, HAVING, ordering and a limit. Build one with {@link #select(SelectItem...)}.
 */
public record Query(
        List<Cte> with,
        List<SelectItem> items,
        Source from,
        List<Join> joins,
        Optional<Expr> where,
        List<Expr> groupBy,
        Optional<Expr> having,
        List<Expr.OrderItem> orderBy,
        OptionalInt limit) {

    public Query {
        with = List.copyOf(with);
        items = List.copyOf(items);
        Objects.requireNonNull(from, "from");
        joins = List.copyOf(joins);
        groupBy = List.copyOf(groupBy);
        orderBy = List.copyOf(orderBy);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("A query selects at least one expression");
        }
        if (limit.isPresent() && limit.getAsInt() <= 0) {
            throw new IllegalArgumentException("LIMIT must be positive");
        }
    }

    public static Builder select(SelectItem... items) {
        return new Builder(Arrays.asList(items));
    }

    /** One item of the select list: an expression and the name of its result column. */
    public record SelectItem(Expr expr, String alias) {
        public SelectItem {
            Objects.requireNonNull(expr, "expr");
            Identifiers.sqlName("column alias", alias);
        }

        public static SelectItem of(Expr expr, String alias) {
            return new SelectItem(expr, alias);
        }
    }

    /** {@code WITH name AS (query)}. */
    public record Cte(String name, Query query) {
        public Cte {
            Identifiers.sqlName("CTE name", name);
        }
    }

    /** What a query reads from: the events table or a CTE of the same query. */
    public sealed interface Source {
        record Events() implements Source {}

        record CteRef(String name, String alias) implements Source {
            public CteRef {
                Identifiers.sqlName("CTE name", name);
                Identifiers.sqlName("source alias", alias);
            }
        }

        static Source events() {
            return new Events();
        }

        static Source cte(String name, String alias) {
            return new CteRef(name, alias);
        }
    }

    public enum JoinKind {
        INNER,
        LEFT
    }

    public record Join(JoinKind kind, Source.CteRef source, Expr on) {}

    public static final class Builder {
        private final List<Cte> with = new ArrayList<>();
        private final List<SelectItem> items;
        private Source from = Source.events();
        private final List<Join> joins = new ArrayList<>();
        private final List<Expr> where = new ArrayList<>();
        private final List<Expr> groupBy = new ArrayList<>();
        private Optional<Expr> having = Optional.empty();
        private final List<Expr.OrderItem> orderBy = new ArrayList<>();
        private OptionalInt limit = OptionalInt.empty();

        private Builder(List<SelectItem> items) {
            this.items = List.copyOf(items);
        }

        public Builder with(String name, Query query) {
            with.add(new Cte(name, query));
            return this;
        }

        public Builder from(Source source) {
            this.from = source;
            return this;
        }

        public Builder join(JoinKind kind, Source.CteRef source, Expr on) {
            joins.add(new Join(kind, source, on));
            return this;
        }

        /** Adds a filter; several calls are joined with AND. */
        public Builder where(Expr condition) {
            where.add(condition);
            return this;
        }

        public Builder groupBy(Expr... expressions) {
            groupBy.addAll(Arrays.asList(expressions));
            return this;
        }

        public Builder having(Expr condition) {
            this.having = Optional.of(condition);
            return this;
        }

        public Builder orderBy(Expr.OrderItem... items) {
            orderBy.addAll(Arrays.asList(items));
            return this;
        }

        public Builder limit(int rows) {
            this.limit = OptionalInt.of(rows);
            return this;
        }

        public Query build() {
            Optional<Expr> filter = where.isEmpty() ? Optional.empty() : Optional.of(Expressions.and(where));
            return new Query(with, items, from, joins, filter, groupBy, having, orderBy, limit);
        }
    }
}
