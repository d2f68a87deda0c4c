package dev.beton.posthog;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An insight as PostHog returns it.
 *
 * @param shortId the id in the insight's URL
 * @param description empty when PostHog has none
 * @param tags lower-cased by PostHog; empty on servers that drop tags
 * @param dashboards ids of the dashboards it is a live tile on
 * @param query the stored query node (e.g. {@code DataVisualizationNode}), empty when none
 */
record PostHogInsight(
        long id,
        String shortId,
        String name,
        String description,
        List<String> tags,
        List<Long> dashboards,
        Map<String, Object> query) {

    public PostHogInsight {
        Objects.requireNonNull(shortId, "shortId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
        dashboards = List.copyOf(dashboards);
        query = Map.copyOf(query);
    }
}
