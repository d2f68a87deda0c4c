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
import dev.beton.emulator.posthog.HogQLTokens.Token;
import dev.beton.emulator.posthog.HogQLTokens.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive descent over HogQL expressions, loosest binding first: {@code OR}, {@code AND},
 * {@code NOT}, comparisons ({@code = != < LIKE IN IS NULL}), {@code + - ||}, {@code * / %}, unary
 * minus, then primaries (literals, placeholders, dotted fields, {@code properties['x']}, calls with
 * an optional {@code OVER}, {@code CASE}, {@code INTERVAL}, parentheses).
 */
final class HogQLExpressionParser {

    /** Words that end an expression, so they are never read as field names. */
    static final Set<String> KEYWORDS =
            Set.of(("SELECT FROM WHERE GROUP BY HAVING ORDER LIMIT OFFSET WITH AS ON JOIN LEFT"
                            + " RIGHT INNER OUTER FULL CROSS UNION AND OR NOT IN LIKE ILIKE IS NULL CASE WHEN THEN ELSE END ASC DESC"
                            + " DISTINCT OVER PARTITION INTERVAL BETWEEN SETTINGS ALL USING ARRAY SAMPLE FINAL PREWHERE ANY ASOF"
                            + " SEMI ANTI GLOBAL WINDOW QUALIFY INTERSECT EXCEPT")
                    .split(" "));

    static final Set<String> UNITS = Set.of("SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR");

    private final HogQLTokens tokens;

    HogQLExpressionParser(HogQLTokens tokens) {
        this.tokens = tokens;
    }

    Expr expression() {
        Expr left = and();
        while (tokens.accept("OR")) {
            left = new Binary("OR", left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (tokens.accept("AND")) {
            left = new Binary("AND", left, not());
        }
        return left;
    }

    private Expr not() {
        return tokens.accept("NOT") ? new Not(not()) : comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        Token token = tokens.peek();
        if (token.type() == Type.SYMBOL
                && List.of("=", "==", "!=", "<>", "<", "<=", ">", ">=").contains(token.text())) {
            tokens.next();
            String operator =
                    switch (token.text()) {
                        case "==" -> "=";
                        case "<>" -> "!=";
                        default -> token.text();
                    };
            return new Binary(operator, left, additive());
        }
        if (tokens.accept("IS")) {
            boolean negated = tokens.accept("NOT");
            tokens.expect("NULL");
            return new IsNull(left, negated);
        }
        boolean negated = token.is("NOT")
                && (tokens.peek(1).is("LIKE")
                        || tokens.peek(1).is("ILIKE")
                        || tokens.peek(1).is("IN"));
        if (negated) {
            tokens.next();
        }
        if (tokens.peek().is("LIKE") || tokens.peek().is("ILIKE")) {
            boolean insensitive = tokens.next().is("ILIKE");
            return new Like(left, additive(), insensitive, negated);
        }
        if (tokens.accept("IN")) {
            return new InList(left, inOptions(), negated);
        }
        if (token.is("BETWEEN")) {
            throw HogQLError.unsupported("BETWEEN");
        }
        return left;
    }

    /** {@code IN (a, b)} or {@code IN {list}}; subqueries after IN are not evaluated. */
    private List<Expr> inOptions() {
        if (tokens.peek().type() == Type.PLACEHOLDER) {
            return List.of(new Placeholder(tokens.next().text()));
        }
        tokens.expect("(");
        if (tokens.peek().is("SELECT") || tokens.peek().is("WITH")) {
            throw HogQLError.unsupported("IN (SELECT …)");
        }
        List<Expr> options = list(")");
        tokens.expect(")");
        return options;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (tokens.peek().is("+") || tokens.peek().is("-") || tokens.peek().is("||")) {
            left = new Binary(tokens.next().text(), left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (tokens.peek().is("*") || tokens.peek().is("/") || tokens.peek().is("%")) {
            left = new Binary(tokens.next().text(), left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (tokens.accept("-")) {
            return new Negate(unary());
        }
        return primary();
    }

    private Expr primary() {
        Token token = tokens.next();
        return switch (token.type()) {
            case NUMBER -> new Literal(number(token));
            case STRING -> new Literal(token.text());
            case PLACEHOLDER -> new Placeholder(token.text());
            case QUOTED_WORD -> field(token.text());
            case WORD -> word(token);
            case SYMBOL -> symbol(token);
            case END -> throw HogQLError.syntax(token, "unexpected end of input");
        };
    }

    private Expr symbol(Token token) {
        if (token.is("*")) {
            return new Star();
        }
        if (token.is("(")) {
            if (tokens.peek().is("SELECT") || tokens.peek().is("WITH")) {
                throw HogQLError.unsupported("a subquery inside an expression");
            }
            Expr inner = expression();
            if (tokens.peek().is(",")) {
                throw HogQLError.unsupported("tuples");
            }
            tokens.expect(")");
            return inner;
        }
        if (token.is("[")) {
            throw HogQLError.unsupported("array literals");
        }
        throw HogQLError.syntax(token, "no viable alternative at input '" + token.text() + "'");
    }

    private Expr word(Token token) {
        String upper = token.upper();
        switch (upper) {
            case "NULL" -> {
                return new Literal(null);
            }
            case "TRUE", "FALSE" -> {
                return new Literal(upper.equals("TRUE"));
            }
            case "CASE" -> {
                return caseExpression();
            }
            case "INTERVAL" -> {
                Expr amount = additive();
                Token unit = tokens.next();
                String name = unit.upper().replaceAll("S$", "");
                if (!UNITS.contains(name)) {
                    throw HogQLError.syntax(unit, "expected an interval unit but found '" + unit.text() + "'");
                }
                return new Interval(amount, name);
            }
            default -> {
                // a word followed by '(' is a call even when it is also a keyword, e.g. if(…)
            }
        }
        if (tokens.peek().is("(")) {
            return call(token);
        }
        if (KEYWORDS.contains(upper)) {
            throw HogQLError.syntax(token, "no viable alternative at input '" + token.text() + "'");
        }
        return field(token.text());
    }

    /** {@code a.b.c} and {@code a['b']}: both become one path. */
    private Expr field(String first) {
        List<String> path = new ArrayList<>(List.of(first));
        while (true) {
            if (tokens.peek().is(".")) {
                tokens.next();
                Token part = tokens.next();
                if (part.type() != Type.WORD && part.type() != Type.QUOTED_WORD && part.type() != Type.NUMBER) {
                    throw HogQLError.syntax(part, "expected a field name but found '" + part.text() + "'");
                }
                path.add(part.text());
            } else if (tokens.peek().is("[")) {
                tokens.next();
                Token key = tokens.next();
                if (key.type() != Type.STRING) {
                    throw HogQLError.unsupported("property access by a non-literal key");
                }
                tokens.expect("]");
                path.add(key.text());
            } else {
                return new Field(path);
            }
        }
    }

    private Expr call(Token name) {
        tokens.expect("(");
        boolean distinct = tokens.accept("DISTINCT");
        List<Expr> arguments = list(")");
        tokens.expect(")");
        if (tokens.peek().is("(")) {
            throw HogQLError.unsupported("parametric aggregate " + name.text() + "(…)(…)");
        }
        Call call = new Call(name.text(), arguments, distinct);
        if (name.text().toLowerCase(Locale.ROOT).startsWith("tointerval") && arguments.size() == 1) {
            String unit = name.text().substring("toInterval".length()).toUpperCase(Locale.ROOT);
            if (UNITS.contains(unit)) {
                return new Interval(arguments.getFirst(), unit);
            }
        }
        return tokens.accept("OVER") ? HogQLWindowClauses.over(call, tokens, this) : call;
    }

    List<Order> orderList() {
        return HogQLWindowClauses.orderList(tokens, this);
    }

    /** Comma-separated expressions up to (not including) {@code close}; empty when it comes first. */
    List<Expr> list(String close) {
        List<Expr> items = new ArrayList<>();
        if (tokens.peek().is(close)) {
            return items;
        }
        do {
            items.add(expression());
        } while (tokens.accept(","));
        return items;
    }

    private Expr caseExpression() {
        Optional<Expr> subject = tokens.peek().is("WHEN") ? Optional.empty() : Optional.of(expression());
        List<When> branches = new ArrayList<>();
        while (tokens.accept("WHEN")) {
            Expr condition = expression();
            tokens.expect("THEN");
            branches.add(new When(condition, expression()));
        }
        if (branches.isEmpty()) {
            throw HogQLError.syntax(
                    tokens.peek(), "expected WHEN but found '" + tokens.peek().text() + "'");
        }
        Optional<Expr> otherwise = tokens.accept("ELSE") ? Optional.of(expression()) : Optional.empty();
        tokens.expect("END");
        return new Case(subject, branches, otherwise);
    }

    private static Object number(Token token) {
        String text = token.text();
        try {
            if (text.contains(".") || text.contains("e") || text.contains("E")) {
                return Double.parseDouble(text);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw HogQLError.syntax(token, "malformed number '" + text + "'");
        }
    }
}
