package dev.beton.posthog;

import java.util.List;
import java.util.Objects;

/**
 * A dashboard as PostHog returns it.
 *
 * @param description empty when PostHog has none
 * @param tags lower-cased by PostHog; empty on servers that drop tags (older or unlicensed)
 * @param tiles the live tiles; only a single dashboard's answer carries them, list answers give
 *     an empty list
 */
record PostHogDashboard(
        long id, String name, String description, boolean pinned, List<String> tags, List<PostHogTile> tiles) {

    public PostHogDashboard {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
        tiles = List.copyOf(tiles);
    }
}
