package dev.beton.posthog;

import java.util.List;
import java.util.Objects;

/**
 * What Beton writes to a dashboard on create and update. Tags are sent whole, as PostHog
 * removes the ones missing from an update.
 */
record PostHogDashboardDraft(String name, String description, List<String> tags, boolean pinned) {

    public PostHogDashboardDraft {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dashboard needs a name");
        }
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
    }

    PostHogDashboardDraft withDescription(String text) {
        return new PostHogDashboardDraft(name, text, tags, pinned);
    }
}
