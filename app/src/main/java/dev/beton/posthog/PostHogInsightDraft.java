package dev.beton.posthog;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Beton writes to an insight on create and update.
 *
 * @param query the query node, e.g. {@code {"kind": "DataVisualizationNode", "source": {"kind":
 *     "HogQLQuery", ...}}}
 * @param dashboards dashboards to show it on; PostHog makes a tile per dashboard and, on update,
 *     removes the tiles of dashboards no longer listed
 */
record PostHogInsightDraft(
        String name, String description, List<String> tags, Map<String, Object> query, List<Long> dashboards) {

    public PostHogInsightDraft {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an insight needs a name");
        }
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
        query = Map.copyOf(query);
        dashboards = List.copyOf(dashboards);
    }

    PostHogInsightDraft withDescription(String text) {
        return new PostHogInsightDraft(name, text, tags, query, dashboards);
    }
}
