package dev.beton.posthog;

import java.util.Locale;
import java.util.Optional;

/** Where a PostHog instance runs: one of the two clouds, or a self-hosted URL. */
public enum PostHogRegion {
    US,
    EU,
    CUSTOM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code us}, {@code eu} or {@code custom}, any case; empty for anything else. */
    public static Optional<PostHogRegion> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (PostHogRegion region : values()) {
            if (region.id().equalsIgnoreCase(value.strip())) {
                return Optional.of(region);
            }
        }
        return Optional.empty();
    }
}
