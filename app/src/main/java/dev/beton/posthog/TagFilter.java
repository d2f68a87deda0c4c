package dev.beton.posthog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * PostHog stores tags through {@code tagify} (trimmed, lower-cased) and filters lists by exact
 * name, so a filter value must be normalised the same way or {@code "Beton"} finds nothing.
 */
final class TagFilter {

    private TagFilter() {}

    static List<String> normalize(List<String> tags) {
        LinkedHashSet<String> normalized = new LinkedHashSet<>();
        for (String tag : tags) {
            String value = tag.strip().toLowerCase(Locale.ROOT);
            if (!value.isEmpty()) {
                normalized.add(value);
            }
        }
        return List.copyOf(normalized);
    }
}
