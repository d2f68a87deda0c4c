package dev.beton.emulator.posthog;

/**
 * A property definition's {@code property_type}. HogQL reads a typed property through a cast
 * ({@code posthog/hogql/transforms/property_types.py}): Numeric as {@code toFloat(…)}, DateTime as
 * {@code toDateTime(…)} in the project's time zone, Boolean as {@code toBool(…)}; String (or no
 * definition) leaves the text alone.
 */
public enum PostHogPropertyType {
    STRING("String"),
    NUMERIC("Numeric"),
    DATETIME("DateTime"),
    BOOLEAN("Boolean");

    private final String wire;

    PostHogPropertyType(String wire) {
        this.wire = wire;
    }

    /** The name PostHog's API uses, e.g. {@code Numeric}. */
    public String wire() {
        return wire;
    }

    static PostHogPropertyType ofWire(String name) {
        for (PostHogPropertyType type : values()) {
            if (type.wire.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "unknown property type " + name + "; one of String, Numeric, DateTime, Boolean");
    }
}
