package dev.beton.emulator.posthog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** PostHog's {@code tagify}: trim, lower-case, drop empties and duplicates, keep order. */
final class Tags {

    private Tags() {}

    static List<String> normalize(JsonNode tags) {
        Set<String> result = new LinkedHashSet<>();
        if (tags.isArray()) {
            for (JsonNode tag : tags.values()) {
                String normalized = tag.asString().trim().toLowerCase(Locale.ROOT);
                if (!normalized.isEmpty()) {
                    result.add(normalized);
                }
            }
        }
        return List.copyOf(result);
    }

    static boolean anyOf(List<String> tags, List<String> wanted) {
        return wanted.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).anyMatch(tags::contains);
    }
}
