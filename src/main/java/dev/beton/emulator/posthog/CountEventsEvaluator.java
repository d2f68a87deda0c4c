package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.HogQLTokens.Token;
import dev.beton.emulator.posthog.HogQLTokens.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The emulator's first, deliberately small HogQL: {@code SELECT count() [AS name] FROM events
 * [WHERE timestamp >= now() - INTERVAL n DAY] [LIMIT n]}, where the interval may also be written
 * {@code toIntervalDay(n)}, the unit may be SECOND to WEEK, {@code >} works as well as
 * {@code >=}, and {@code n} may be a {@code {placeholder}}. Anything else is answered with the
 * 400 PostHog gives for a query it cannot run, never with a made-up result.
 */
final class CountEventsEvaluator implements HogQLEvaluator {

    static final int MAX_LIMIT = 50_000;

    static final String OFFSET_BANNED = "OFFSET is not supported on queries made with a personal API key. "
            + "For pagination, use keyset pagination on the `timestamp` column, e.g. "
            + "`WHERE timestamp > :last_seen_timestamp ORDER BY timestamp LIMIT N`.";

    private static final List<String> OTHER_TABLES = List.of("persons", "groups", "sessions", "person_distinct_ids");

    private static final Map<String, Duration> UNITS = Map.of(
            "SECOND", Duration.ofSeconds(1),
            "MINUTE", Duration.ofMinutes(1),
            "HOUR", Duration.ofHours(1),
            "DAY", Duration.ofDays(1),
            "WEEK", Duration.ofDays(7));

    @Override
    public Result evaluate(String query, Map<String, Object> values, Tables tables, Instant now) {
        HogQLTokens tokens = HogQLTokens.of(query);
        if (!tokens.peek().is("SELECT")) {
            Token first = tokens.peek();
            throw HogQLError.syntax(first.column(), "mismatched input '" + first.text() + "' expecting SELECT");
        }
        tokens.next();
        if (tokens.containsAhead("OFFSET")) {
            throw HogQLError.query(OFFSET_BANNED);
        }
        String column = countColumn(tokens);
        tokens.expect("FROM");
        table(tokens);
        Predicate<CapturedEvent> where = tokens.accept("WHERE") ? window(tokens, values, now) : e -> true;
        int limit = tokens.accept("LIMIT") ? Math.min(MAX_LIMIT, positiveInt(tokens.next(), values)) : -1;
        tokens.accept(";");
        if (tokens.peek().type() != Type.END) {
            throw unsupported(tokens.peek());
        }
        long count = tables.events().stream().filter(where).count();
        List<List<Object>> rows = limit == 0 ? List.of() : List.of(List.of(count));
        return new Result(List.of(column), List.of("UInt64"), rows, limit);
    }

    private static String countColumn(HogQLTokens tokens) {
        Token function = tokens.next();
        if (!function.is("count")) {
            throw unsupported(function);
        }
        tokens.expect("(");
        tokens.accept("*");
        tokens.expect(")");
        if (tokens.accept("AS")) {
            Token alias = tokens.next();
            if (alias.type() != Type.WORD) {
                throw HogQLError.syntax(alias.column(), "expected an alias but found '" + alias.text() + "'");
            }
            return alias.text();
        }
        return "count()";
    }

    private static void table(HogQLTokens tokens) {
        Token table = tokens.next();
        if (table.type() != Type.WORD) {
            throw HogQLError.syntax(table.column(), "expected a table but found '" + table.text() + "'");
        }
        if (OTHER_TABLES.contains(table.text())) {
            throw unsupported(table);
        }
        if (!table.text().equals("events")) {
            throw HogQLError.query("Unknown table `" + table.text() + "`.");
        }
    }

    /** {@code timestamp >= now() - <interval>}; events at or after (or strictly after) the bound. */
    private static Predicate<CapturedEvent> window(HogQLTokens tokens, Map<String, Object> values, Instant now) {
        Token field = tokens.next();
        if (!field.is("timestamp")) {
            throw unsupported(field);
        }
        Token operator = tokens.next();
        if (!operator.is(">=") && !operator.is(">")) {
            throw unsupported(operator);
        }
        Token nowCall = tokens.next();
        if (!nowCall.is("now")) {
            throw unsupported(nowCall);
        }
        tokens.expect("(");
        tokens.expect(")");
        tokens.expect("-");
        Instant bound = now.minus(interval(tokens, values));
        boolean inclusive = operator.is(">=");
        return e -> inclusive ? !e.timestamp().isBefore(bound) : e.timestamp().isAfter(bound);
    }

    private static Duration interval(HogQLTokens tokens, Map<String, Object> values) {
        Token start = tokens.next();
        if (start.is("INTERVAL")) {
            int amount = positiveInt(tokens.next(), values);
            Token unit = tokens.next();
            return unit(unit, unit.upper()).multipliedBy(amount);
        }
        if (start.type() == Type.WORD && start.text().startsWith("toInterval")) {
            Duration unit =
                    unit(start, start.text().substring("toInterval".length()).toUpperCase());
            tokens.expect("(");
            int amount = positiveInt(tokens.next(), values);
            tokens.expect(")");
            return unit.multipliedBy(amount);
        }
        throw unsupported(start);
    }

    private static Duration unit(Token token, String name) {
        return Optional.ofNullable(UNITS.get(name)).orElseThrow(() -> unsupported(token));
    }

    private static int positiveInt(Token token, Map<String, Object> values) {
        String text = token.text();
        if (token.type() == Type.PLACEHOLDER) {
            if (!values.containsKey(text)) {
                throw HogQLError.query("Placeholder {" + text + "} is not available in this context. "
                        + "You can use the following: " + String.join(", ", values.keySet()));
            }
            text = String.valueOf(values.get(text));
        } else if (token.type() != Type.NUMBER) {
            throw HogQLError.syntax(token.column(), "expected a number but found '" + token.text() + "'");
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw HogQLError.query("Expected a non-negative integer, got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw HogQLError.query("Expected an integer, got " + text);
        }
    }

    private static HogQLError unsupported(Token token) {
        return HogQLError.query("The Beton PostHog emulator cannot evaluate '" + token.text() + "' at column "
                + token.column() + ". It supports SELECT count() FROM events "
                + "[WHERE timestamp >= now() - INTERVAL n DAY] [LIMIT n].");
    }
}
