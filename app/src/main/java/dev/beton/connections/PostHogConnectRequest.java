package dev.beton.connections;

import java.util.Optional;

/**
 * What the user submits to connect PostHog.
 *
 * @param apiKey the personal API key; empty to keep the stored one (e.g. to switch project)
 * @param region {@code us}, {@code eu} or {@code custom}; empty to try US, then EU
 * @param host the self-hosted URL when the region is {@code custom}
 * @param projectId the project to use; empty for the user's current project
 */
record PostHogConnectRequest(
        Optional<String> apiKey, Optional<String> region, Optional<String> host, Optional<Long> projectId) {

    @Override
    public String toString() {
        return "PostHogConnectRequest[apiKey=" + (apiKey.isPresent() ? "***" : "none") + ", region=" + region
                + ", host=" + host + ", projectId=" + projectId + "]";
    }
}
