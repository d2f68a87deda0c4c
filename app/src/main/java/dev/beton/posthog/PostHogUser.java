package dev.beton.posthog;

import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /api/users/@me/} says about the owner of a personal API key.
 *
 * @param currentProjectId the project the user last opened in PostHog, if any
 * @param projects the projects of the user's current organization
 */
public record PostHogUser(
        String email, String organizationName, Optional<Long> currentProjectId, List<PostHogProjectRef> projects) {}
