package dev.beton.emulator.posthog;

import dev.beton.emulator.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value model of the evaluator and ClickHouse's rules on it. Values are {@code null} (SQL
 * NULL), {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@link Instant}
 * (DateTime) and {@link LocalDate} (Date).
 */
final class HogQLValues {

    private HogQLValues() {}

    /** Nulls sort last, as ClickHouse's default {@code NULLS LAST} (in both directions). */
    static final Comparator<Object> ORDER = HogQLValues::compare;

    /** A JSON property value as HogQL's property access reads it: text, or null when missing or JSON null. */
    static Object propertyText(Object json) {
        return switch (json) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b.toString();
            case Double d -> Json.write(d);
            case Number n -> n.toString();
            default -> Json.write(json);
        };
    }

    /** Follows a path into nested JSON objects; empty when a step is missing or not an object. */
    static Optional<Object> dig(Map<String, Object> root, java.util.List<String> path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    /** Normalises numbers from JSON or arithmetic to Long or Double. */
    static Object normalize(Object value) {
        return switch (value) {
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Float f -> f.doubleValue();
            case BigInteger b -> b.longValue();
            case BigDecimal b -> b.doubleValue();
            default -> value;
        };
    }

    /** SQL truth: true, false or null (unknown). Numbers are true when non-zero. */
    static Boolean truth(Object value) {
        return switch (value) {
            case null -> null;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            default -> throw HogQLError.query("Expected a boolean condition, got " + describe(value));
        };
    }

    static String describe(Object value) {
        return value == null ? "NULL" : value.getClass().getSimpleName() + " " + value;
    }

    /** Comparison after ClickHouse's conversions (a string meets a time or number by parsing). */
    static int compare(Object left, Object right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : 1) : -1;
        }
        if (left instanceof Number a && right instanceof Number b) {
            return a instanceof Long x && b instanceof Long y
                    ? Long.compare(x, y)
                    : Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (left instanceof Instant
                || right instanceof Instant
                || left instanceof java.time.ZonedDateTime
                || right instanceof java.time.ZonedDateTime) {
            return toInstant(left).compareTo(toInstant(right));
        }
        if (left instanceof LocalDate || right instanceof LocalDate) {
            return toDate(left).compareTo(toDate(right));
        }
        if (left instanceof String a && right instanceof String b) {
            return a.compareTo(b);
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        if (left instanceof Number || right instanceof Number) {
            return Double.compare(toDouble(left), toDouble(right));
        }
        throw HogQLError.query("Cannot compare " + describe(left) + " with " + describe(right));
    }

    static double toDouble(Object value) {
        return switch (value) {
            case Number n -> n.doubleValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> parseNumber(s).orElseThrow(() -> HogQLError.query("Cannot parse number from '" + s + "'"));
            default -> throw HogQLError.query("Expected a number, got " + describe(value));
        };
    }

    static Optional<Double> parseNumber(String text) {
        try {
            String trimmed = text.strip();
            return trimmed.isEmpty() || trimmed.endsWith("d") || trimmed.endsWith("f")
                    ? Optional.empty()
                    : Optional.of(Double.parseDouble(trimmed));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Instant toInstant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case java.time.ZonedDateTime z -> z.toInstant();
            case LocalDate d -> d.atStartOfDay(ZoneOffset.UTC).toInstant();
            case String s ->
                parseInstant(s).orElseThrow(() -> HogQLError.query("Cannot parse DateTime from '" + s + "'"));
            case Long seconds -> Instant.ofEpochSecond(seconds);
            default -> throw HogQLError.query("Expected a DateTime, got " + describe(value));
        };
    }

    static LocalDate toDate(Object value) {
        return value instanceof LocalDate d ? d : LocalDate.ofInstant(toInstant(value), ZoneOffset.UTC);
    }

    /**
     * A DateTime's wall clock. A value {@code toTimeZone} made carries its zone; any other time is
     * shown in the project's zone, as PostHog wraps every DateTime column in {@code
     * toTimeZone(…, <project zone>)}.
     */
    static java.time.ZonedDateTime wallClock(Object value, java.time.ZoneId projectZone) {
        return value instanceof java.time.ZonedDateTime z ? z : toInstant(value).atZone(projectZone);
    }

    /** ISO-8601 with or without an offset (UTC assumed), {@code yyyy-MM-dd HH:mm:ss}, or a date. */
    static Optional<Instant> parseInstant(String text) {
        return parseInstant(text, ZoneOffset.UTC);
    }

    /**
     * As {@link #parseInstant(String)}, with text that names no offset read in {@code zone}: HogQL's
     * {@code toDateTime} is {@code parseDateTime64BestEffortOrNull(x, 6, <project zone>)}.
     */
    static Optional<Instant> parseInstant(String text, java.time.ZoneId zone) {
        String s = text.strip().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException notOffset) {
            // try the zone-less forms
        }
        try {
            return Optional.of(LocalDateTime.parse(s).atZone(zone).toInstant());
        } catch (DateTimeParseException notLocal) {
            // try a date
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }

    /** Text of a value as {@code toString()} in ClickHouse writes it. */
    static String text(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i ->
                LocalDateTime.ofInstant(i, ZoneOffset.UTC).toString().replace('T', ' ');
            case java.time.ZonedDateTime z -> z.toLocalDateTime().toString().replace('T', ' ');
            case Boolean b -> b ? "true" : "false";
            case Double d when d == Math.rint(d) && !Double.isInfinite(d) -> Long.toString(d.longValue());
            default -> value.toString();
        };
    }

    /** SQL LIKE: {@code %} any run, {@code _} one character, backslash escapes. */
    static boolean like(String value, String pattern, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags).matcher(value).matches();
    }

    /** A result cell as PostHog's JSON carries it: times as ISO strings. */
    static Object toJson(Object value) {
        return toJson(value, ZoneOffset.UTC);
    }

    /** As {@link #toJson(Object)}, times with the offset of their zone (the project's by default). */
    static Object toJson(Object value, java.time.ZoneId projectZone) {
        return switch (value) {
            case null -> null;
            case Instant i when projectZone.normalized().equals(ZoneOffset.UTC) -> i.toString();
            case Instant i -> i.atZone(projectZone).toOffsetDateTime().toString();
            case java.time.ZonedDateTime z -> z.toOffsetDateTime().toString();
            case LocalDate d -> d.toString();
            case Double d when d.isNaN() || d.isInfinite() -> null;
            default -> value;
        };
    }
}
