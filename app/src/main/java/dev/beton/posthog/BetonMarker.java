package dev.beton.posthog;

import java.util.regex.Pattern;

/**
 * How Beton recognises the dashboards and insights it made when tags cannot be trusted: older or
 * unlicensed PostHog servers drop tags silently, so the object's description also carries
 * {@code managed-by:beton key=<stable key>} (reference §5, idempotent upsert recipe).
 */
final class BetonMarker {

    private static final String PREFIX = "managed-by:beton key=";
    private static final Pattern STABLE_KEY = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    private BetonMarker() {}

    static String of(String stableKey) {
        if (!STABLE_KEY.matcher(stableKey).matches()) {
            throw new IllegalArgumentException("a stable key is 1-100 lower-case letters, digits, '_', '.' or '-',"
                    + " starting with a letter or digit; got \"" + stableKey + "\"");
        }
        return PREFIX + stableKey;
    }

    /** The description with the marker appended on its own line, unless it is there already. */
    static String describe(String description, String stableKey) {
        String marker = of(stableKey);
        if (carries(description, stableKey)) {
            return description;
        }
        return description.isBlank() ? marker : description.strip() + "\n\n" + marker;
    }

    /** Whether the description names exactly this key (so {@code key=a} does not match {@code key=ab}). */
    static boolean carries(String description, String stableKey) {
        String marker = of(stableKey);
        int at = description.indexOf(marker);
        while (at >= 0) {
            int end = at + marker.length();
            if (end == description.length() || Character.isWhitespace(description.charAt(end))) {
                return true;
            }
            at = description.indexOf(marker, at + 1);
        }
        return false;
    }
}
