package dev.beton.posthog;

import java.net.URI;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/** A {@link PostHogClient} for tests and benchmarks outside this package. */
public final class PostHogTestClients {

    private PostHogTestClients() {}

    public static PostHogClient forHost(URI baseUrl, Duration timeout) {
        return new PostHogClients(
                        new PostHogProperties(
                                URI.create("https://us.posthog.com"), URI.create("https://eu.posthog.com"), timeout),
                        JsonMapper.builder().build())
                .forHost(baseUrl);
    }
}
