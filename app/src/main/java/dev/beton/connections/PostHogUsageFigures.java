package dev.beton.connections;

import dev.beton.posthog.PostHogGateway;
import dev.beton.posthog.PostHogUsage;
import java.net.URI;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The query budget, cache and last 429 of the workspace's PostHog project, for the fragment
 * {@code fragments/posthog-usage}. Nothing to show until a host and project are known.
 */
@Component
class PostHogUsageFigures {

    private final PostHogGateway gateway;

    PostHogUsageFigures(PostHogGateway gateway) {
        this.gateway = gateway;
    }

    Optional<PostHogUsage> of(ConnectionView posthog) {
        String host = posthog.details().get("host");
        String projectId = posthog.details().get("project_id");
        if (!posthog.configured() || host == null || projectId == null || !projectId.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(gateway.usage(URI.create(host), Long.parseLong(projectId)));
    }
}
