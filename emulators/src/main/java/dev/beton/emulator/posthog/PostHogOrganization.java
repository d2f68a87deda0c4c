package dev.beton.emulator.posthog;

import java.util.Objects;
import java.util.UUID;

/**
 * An organization the emulated user belongs to.
 *
 * @param id organization id (PostHog uses UUIDs)
 * @param name display name
 * @param slug URL slug
 */
public record PostHogOrganization(UUID id, String name, String slug) {

    public PostHogOrganization {
        Objects.requireNonNull(id, "organization id");
        Objects.requireNonNull(name, "organization name");
        Objects.requireNonNull(slug, "organization slug");
    }
}
