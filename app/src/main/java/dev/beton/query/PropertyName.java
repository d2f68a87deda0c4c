package dev.beton.query;

import java.util.regex.Pattern;

/**
 * The name of an event, person or group property, usually taken from workspace configuration.
 *
 * <p>Property names end up inside SQL text (a JSON path in DuckDB, {@code properties.x} or
 * {@code properties['x']} in HogQL), so they are validated here once: 1–200 characters of letters,
 * digits, space and {@code _ $ - . / : @}, not starting or ending with a space. Quotes, backslashes
 * and brackets can never reach a renderer.
 */
public record PropertyName(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_$\\-./:@ ]{1,200}");

    public PropertyName {
        if (value == null || !ALLOWED.matcher(value).matches() || value.strip().length() != value.length()) {
            throw new InvalidIdentifier("property name", value, describeRule());
        }
    }

    public static PropertyName of(String value) {
        return new PropertyName(value);
    }

    /** Whether {@code value} would be accepted, for configuration validation that collects all errors. */
    public static boolean isValid(String value) {
        return value != null
                && ALLOWED.matcher(value).matches()
                && value.strip().length() == value.length();
    }

    public static String describeRule() {
        return "1-200 characters: letters, digits, space and _ $ - . / : @, no leading or trailing space";
    }

    @Override
    public String toString() {
        return value;
    }
}
