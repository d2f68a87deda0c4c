package dev.beton.emulator.posthog;

import java.util.Objects;
import java.util.UUID;

/**
 * A project (team) of an organization. In PostHog {@code team.id == project_id} for normal
 * projects; the emulator keeps one id for both.
 *
 * @param id project id used in {@code /api/projects/{id}/}
 * @param organizationId owning organization
 * @param name display name
 * @param apiToken the public project token ({@code phc_…}) that capture accepts
 */
public record PostHogProject(long id, UUID organizationId, String name, String apiToken) {

    public PostHogProject {
        Objects.requireNonNull(organizationId, "project organization");
        Objects.requireNonNull(name, "project name");
        if (apiToken == null || !apiToken.startsWith("phc_")) {
            throw new IllegalArgumentException("a project token starts with phc_, got " + apiToken);
        }
    }

    /** Stable per project so that repeated runs see the same uuid. */
    UUID uuid() {
        return UUID.nameUUIDFromBytes(("project:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
