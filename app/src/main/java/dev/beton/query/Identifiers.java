package dev.beton.query;

import java.util.regex.Pattern;

/** Validation of names that are written into SQL text: columns, aliases, CTEs and placeholders. */
final class Identifiers {

    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern PLACEHOLDER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern SIMPLE_PROPERTY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private Identifiers() {}

    static String sqlName(String what, String name) {
        if (name == null || !SQL_NAME.matcher(name).matches()) {
            throw new InvalidIdentifier(what, name, "a letter or _ followed by letters, digits or _ (max 63)");
        }
        return name;
    }

    static String placeholder(String name) {
        if (name == null || !PLACEHOLDER.matcher(name).matches()) {
            throw new InvalidIdentifier("parameter name", name, "lower-case letters, digits and _ (max 63)");
        }
        return name;
    }

    /** HogQL accepts {@code properties.name} only for names that read as one identifier. */
    static boolean isSimpleProperty(PropertyName name) {
        return SIMPLE_PROPERTY.matcher(name.value()).matches();
    }

    static int groupIndex(int index) {
        if (index < 0 || index > 4) {
            throw new IllegalArgumentException(
                    "Group type index must be 0-4 (PostHog allows 5 group types), got " + index);
        }
        return index;
    }
}
