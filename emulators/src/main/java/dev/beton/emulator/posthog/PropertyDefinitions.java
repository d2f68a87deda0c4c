package dev.beton.emulator.posthog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A project's property definitions: the type of each event, person and group property. As
 * PostHog's ingestion does ({@code rust/property-defs-rs/src/types.rs}, {@code
 * detect_property_type}), the type is detected from the first value seen and then kept; a test
 * (or a PostHog user, in the UI) may set it explicitly, which overrides the detected one.
 *
 * <p>Detection, in PostHog's order: {@code utm_*}, {@code $feature/*}, {@code
 * $feature_flag_response} and {@code $survey_response*} are String; a number under a name that
 * hints at time ({@code time}, {@code timestamp}, {@code date}, {@code _at}, {@code -at}, …) and
 * in the range of a Unix time is DateTime; {@code true}/{@code false} (JSON or text) is Boolean;
 * a date-like text is DateTime; a number is Numeric; other text is String. Objects, arrays and
 * null give no type.
 */
final class PropertyDefinitions {

    /** Where a property lives: an event, a person, or a group of one type index. */
    record Key(String kind, int groupIndex, String name) {
        static Key event(String name) {
            return new Key("event", -1, name);
        }

        static Key person(String name) {
            return new Key("person", -1, name);
        }

        static Key group(int index, String name) {
            return new Key("group", index, name);
        }
    }

    private static final Set<String> SKIPPED = Set.of(
            "$set", "$set_once", "$unset", "$group_0", "$group_1", "$group_2", "$group_3", "$group_4", "$groups");
    private static final List<String> TIME_HINTS =
            List.of("time", "timestamp", "date", "_at", "-at", "createdat", "updatedat");
    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}([T ].*)?$");
    private static final Pattern OTHER_DATE = Pattern.compile(
            "^((\\d{4}[/-][0-2]\\d[/-][0-3]\\d)|([0-2]\\d[/-][0-3]\\d[/-]\\d{4}))([ T][0-2]\\d:[0-6]\\d:[0-6]\\d.*)?$");

    private final Map<Key, PostHogPropertyType> types = new LinkedHashMap<>();

    PropertyDefinitions() {}

    private PropertyDefinitions(Map<Key, PostHogPropertyType> types) {
        this.types.putAll(types);
    }

    synchronized PropertyDefinitions copy() {
        return new PropertyDefinitions(types);
    }

    synchronized Optional<PostHogPropertyType> type(Key key) {
        return Optional.ofNullable(types.get(key));
    }

    synchronized void set(Key key, PostHogPropertyType type) {
        types.put(key, type);
    }

    synchronized Map<Key, PostHogPropertyType> all() {
        return Map.copyOf(types);
    }

    /** Records the type of each property not defined yet (the first value seen decides). */
    synchronized void observe(Map<String, Object> properties, java.util.function.Function<String, Key> key) {
        properties.forEach((name, value) -> {
            if (SKIPPED.contains(name)) {
                return;
            }
            Key k = key.apply(name);
            if (!types.containsKey(k)) {
                detect(name, value).ifPresent(t -> types.put(k, t));
            }
        });
    }

    static Optional<PostHogPropertyType> detect(String name, Object value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return Optional.empty();
        }
        if (lower.startsWith("utm_")
                || lower.startsWith("$feature/")
                || lower.equals("$feature_flag_response")
                || lower.startsWith("$survey_response")) {
            return Optional.of(PostHogPropertyType.STRING);
        }
        if (value instanceof Number n && TIME_HINTS.stream().anyMatch(lower::contains) && unixTime(n.doubleValue())) {
            return Optional.of(PostHogPropertyType.DATETIME);
        }
        if (value instanceof Boolean) {
            return Optional.of(PostHogPropertyType.BOOLEAN);
        }
        if (value instanceof Number) {
            return Optional.of(PostHogPropertyType.NUMERIC);
        }
        String text = value.toString().strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Optional.of(PostHogPropertyType.BOOLEAN);
        }
        if (ISO_DATE.matcher(text).matches() || OTHER_DATE.matcher(text).matches()) {
            return Optional.of(PostHogPropertyType.DATETIME);
        }
        return Optional.of(PostHogPropertyType.STRING);
    }

    /** Seconds or milliseconds since 1970 that fall in 2001–2286: what PostHog takes for a Unix time. */
    private static boolean unixTime(double value) {
        return (value >= 1e9 && value < 1e10) || (value >= 1e12 && value < 1e13);
    }
}
