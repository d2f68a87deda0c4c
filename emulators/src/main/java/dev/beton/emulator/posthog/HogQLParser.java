package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.HogQLSyntax.Cte;
import dev.beton.emulator.posthog.HogQLSyntax.Expr;
import dev.beton.emulator.posthog.HogQLSyntax.Item;
import dev.beton.emulator.posthog.HogQLSyntax.Join;
import dev.beton.emulator.posthog.HogQLSyntax.Order;
import dev.beton.emulator.posthog.HogQLSyntax.Select;
import dev.beton.emulator.posthog.HogQLSyntax.Source;
import dev.beton.emulator.posthog.HogQLSyntax.Subquery;
import dev.beton.emulator.posthog.HogQLSyntax.Table;
import dev.beton.emulator.posthog.HogQLTokens.Token;
import dev.beton.emulator.posthog.HogQLTokens.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses one HogQL {@code SELECT} (with CTEs, joins and subqueries in {@code FROM}) into {@link
 * HogQLSyntax}. Text that is not SQL is a syntax error; SQL outside the subset (UNION, RIGHT
 * JOIN, SAMPLE, …) is refused as a query error rather than half-understood.
 */
final class HogQLParser {

    /** Join kinds ClickHouse has and the emulator does not evaluate. */
    private static final List<String> JOIN_KINDS =
            List.of("RIGHT", "FULL", "CROSS", "ANY", "ALL", "ASOF", "SEMI", "ANTI", "GLOBAL", "ARRAY");

    private final String text;
    private final HogQLTokens tokens;
    private final HogQLExpressionParser expressions;

    private HogQLParser(String text) {
        this.text = text;
        this.tokens = HogQLTokens.of(text);
        this.expressions = new HogQLExpressionParser(tokens);
    }

    static Select parse(String text) {
        HogQLParser parser = new HogQLParser(text);
        Token first = parser.tokens.peek();
        if (!first.is("SELECT") && !first.is("WITH")) {
            throw HogQLError.syntax(first, "mismatched input '" + first.text() + "' expecting SELECT");
        }
        Select select = parser.select();
        parser.tokens.accept(";");
        Token rest = parser.tokens.peek();
        if (rest.is("UNION") || rest.is("INTERSECT") || rest.is("EXCEPT")) {
            throw HogQLError.unsupported(rest.upper());
        }
        if (rest.type() != Type.END) {
            throw HogQLError.syntax(rest, "extraneous input '" + rest.text() + "'");
        }
        return select;
    }

    private Select select() {
        List<Cte> with = tokens.peek().is("WITH") ? with() : List.of();
        tokens.expect("SELECT");
        boolean distinct = tokens.accept("DISTINCT");
        List<Item> items = items();
        // SELECT without FROM evaluates its expressions once, as ClickHouse's one-row system table.
        Optional<Source> from = tokens.accept("FROM") ? Optional.of(source()) : Optional.empty();
        List<Join> joins = joins();
        refuse("PREWHERE", "SAMPLE", "FINAL", "ARRAY");
        Optional<Expr> where = tokens.accept("WHERE") ? Optional.of(expressions.expression()) : Optional.empty();
        List<Expr> groupBy = List.of();
        if (tokens.accept("GROUP")) {
            tokens.expect("BY");
            groupBy = expressions.list("");
        }
        Optional<Expr> having = tokens.accept("HAVING") ? Optional.of(expressions.expression()) : Optional.empty();
        List<Order> orderBy = List.of();
        if (tokens.accept("ORDER")) {
            tokens.expect("BY");
            orderBy = expressions.orderList();
        }
        Optional<Expr> limit = Optional.empty();
        if (tokens.accept("LIMIT")) {
            limit = Optional.of(expressions.expression());
            refuse("BY", ",");
        }
        refuse("OFFSET", "SETTINGS", "WINDOW", "QUALIFY");
        return new Select(with, distinct, items, from, joins, where, groupBy, having, orderBy, limit);
    }

    private void refuse(String... words) {
        for (String word : words) {
            if (tokens.peek().is(word)) {
                throw HogQLError.unsupported(tokens.peek().upper() + " at line "
                        + tokens.peek().line() + ", column " + tokens.peek().column());
            }
        }
    }

    /** {@code WITH name AS (SELECT …), …}; ClickHouse's {@code WITH expr AS name} is refused. */
    private List<Cte> with() {
        tokens.expect("WITH");
        List<Cte> ctes = new ArrayList<>();
        do {
            Token name = tokens.next();
            if (name.type() != Type.WORD
                    || !tokens.peek().is("AS")
                    || !tokens.peek(1).is("(")) {
                throw HogQLError.unsupported("WITH other than `name AS (SELECT …)`");
            }
            tokens.expect("AS");
            tokens.expect("(");
            ctes.add(new Cte(name.text(), select()));
            tokens.expect(")");
        } while (tokens.accept(","));
        return ctes;
    }

    private List<Item> items() {
        List<Item> items = new ArrayList<>();
        do {
            Token start = tokens.peek();
            Expr expr = expressions.expression();
            String written = text.substring(start.position() - 1, tokens.peek().position() - 1)
                    .strip();
            Optional<String> alias = Optional.empty();
            if (tokens.accept("AS")) {
                alias = Optional.of(name(tokens.next()));
            }
            items.add(new Item(expr, alias, written));
        } while (tokens.accept(","));
        return items;
    }

    private Source source() {
        if (tokens.accept("(")) {
            Select inner = select();
            tokens.expect(")");
            return new Subquery(inner, alias().orElse(""));
        }
        Token table = tokens.next();
        if (table.type() != Type.WORD && table.type() != Type.QUOTED_WORD) {
            throw HogQLError.syntax(table, "expected a table but found '" + table.text() + "'");
        }
        if (tokens.peek().is("(")) {
            throw HogQLError.unsupported("table functions");
        }
        return new Table(table.text(), alias().orElse(table.text()));
    }

    /** {@code AS name} or a bare name that is not a keyword. */
    private Optional<String> alias() {
        if (tokens.accept("AS")) {
            return Optional.of(name(tokens.next()));
        }
        Token next = tokens.peek();
        boolean bare = (next.type() == Type.WORD && !HogQLExpressionParser.KEYWORDS.contains(next.upper()))
                || next.type() == Type.QUOTED_WORD;
        return bare ? Optional.of(tokens.next().text()) : Optional.empty();
    }

    private static String name(Token token) {
        if (token.type() != Type.WORD && token.type() != Type.QUOTED_WORD) {
            throw HogQLError.syntax(token, "expected an alias but found '" + token.text() + "'");
        }
        return token.text();
    }

    private List<Join> joins() {
        List<Join> joins = new ArrayList<>();
        while (true) {
            boolean left;
            if (tokens.accept("LEFT")) {
                tokens.accept("OUTER");
                left = true;
            } else if (tokens.accept("INNER") || tokens.peek().is("JOIN")) {
                left = false;
            } else if (JOIN_KINDS.stream().anyMatch(k -> tokens.peek().is(k))
                    || tokens.peek().is(",")) {
                throw HogQLError.unsupported(tokens.peek().upper() + " joins");
            } else {
                return joins;
            }
            if (JOIN_KINDS.stream().anyMatch(k -> tokens.peek().is(k))) {
                throw HogQLError.unsupported(tokens.peek().upper() + " joins");
            }
            tokens.expect("JOIN");
            Source source = source();
            if (tokens.peek().is("USING")) {
                throw HogQLError.unsupported("JOIN … USING");
            }
            tokens.expect("ON");
            joins.add(new Join(left, source, expressions.expression()));
        }
    }
}
