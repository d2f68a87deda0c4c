package dev.beton.connections;

import dev.beton.posthog.PostHogProjectRef;
import java.util.List;

/**
 * A PostHog connection that was just validated.
 *
 * @param organizationName PostHog's organization, shown as seed 002's {@code workspace_name}
 * @param projects every project the key can see, so the user can switch
 * @param eventsCount events of the chosen project in the last 30 days
 */
record PostHogConnection(
        String organizationName,
        long projectId,
        String projectName,
        String host,
        String region,
        long eventsCount,
        List<PostHogProjectRef> projects) {}
