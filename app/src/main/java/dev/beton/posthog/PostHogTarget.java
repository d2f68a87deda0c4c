package dev.beton.posthog;

import dev.beton.workspace.credentials.Secret;

/** One PostHog project reached with one personal API key: what a budget, cache and breaker are kept per. */
public record PostHogTarget(PostHogClient client, Secret key, long projectId) {
    /** The budget is PostHog's per project, so it is keyed by host and project, not by key. */
    public String budgetKey() {
        return client.baseUrl().toString().replaceAll("/+$", "") + "/" + projectId;
    }
}
