package dev.beton.dashboards;

import dev.beton.posthog.QueryCategory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A dashboard as code: what Beton renders at {@code /dashboards/{id}} and provisions into PostHog.
 * The version is bumped whenever a tile is added, removed or changes version.
 *
 * @param refresh how often its numbers are expected to change (seed 001's cadence)
 * @param cache the PostHog cache category whose TTL the tiles are cached for, natively and in PostHog
 * @param defaultPeriodDays the period of the native page without a filter, and of the PostHog insights
 */
public record DashboardDefinition(
        String id,
        int version,
        String title,
        String description,
        Duration refresh,
        QueryCategory cache,
        int defaultPeriodDays,
        List<TileDefinition> tiles) {

    public DashboardDefinition {
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A dashboard id is lower-case kebab-case, got " + id);
        }
        Objects.requireNonNull(title, "title");
        tiles = List.copyOf(tiles);
        Set<String> seen = new HashSet<>();
        for (TileDefinition tile : tiles) {
            if (!seen.add(tile.id())) {
                throw new IllegalArgumentException("Dashboard " + id + " has two tiles " + tile.id());
            }
        }
    }

    public TileDefinition tile(String tileId) {
        return tiles.stream()
                .filter(t -> t.id().equals(tileId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Dashboard " + id + " has no tile " + tileId));
    }

    /** "every 15 minutes", "hourly", "daily". */
    public String refreshText() {
        long minutes = refresh.toMinutes();
        if (minutes < 60) {
            return "every " + minutes + " minutes";
        }
        return minutes == 60 ? "hourly" : minutes == 1440 ? "daily" : "every " + (minutes / 60) + " hours";
    }
}
