package dev.beton.clickhouse;

import dev.beton.query.RenderedQuery;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a rendering's {@code {name:Type}} placeholders as ClickHouse literals. ClickHouse before
 * 19.x has no server-side query parameters (Debian's 18.16 among them), so the values are bound
 * here, for every version alike: strings are quoted with backslash escapes, numbers must be finite,
 * and nothing else is accepted. One pass over the rendered text, so a value is never scanned again.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*):(String|Int64|Float64|UInt8)\\}");

    private Placeholders() {}

    static String bind(RenderedQuery query) {
        Map<String, Object> values = query.namedValues();
        Matcher matcher = PLACEHOLDER.matcher(query.sql());
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("No value for placeholder " + name);
            }
            matcher.appendReplacement(sql, Matcher.quoteReplacement(literal(matcher.group(2), values.get(name))));
        }
        matcher.appendTail(sql);
        return sql.toString();
    }

    static String literal(String type, Object value) {
        return switch (type) {
            case "String" -> quote(value.toString());
            case "Int64" -> Long.toString(((Number) value).longValue());
            case "Float64" -> {
                double d = ((Number) value).doubleValue();
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("Not a finite number: " + value);
                }
                yield java.math.BigDecimal.valueOf(d).toPlainString();
            }
            case "UInt8" -> Boolean.TRUE.equals(value) ? "1" : "0";
            default -> throw new IllegalArgumentException("Unknown placeholder type " + type);
        };
    }

    /** A ClickHouse string literal: backslash and quote escaped, control characters as escapes. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '\'' -> quoted.append("\\'");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\0' -> quoted.append("\\0");
                default -> quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }
}
