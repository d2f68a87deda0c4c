package dev.beton.posthog;

import java.net.URI;
import java.net.http.HttpClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Hands out a {@link PostHogClient} per host; they share one JDK HTTP client. */
@Component
public class PostHogClients {

    private final PostHogProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    PostHogClients(PostHogProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The base URL of a cloud region; {@link PostHogRegion#CUSTOM} has none. */
    public URI urlOf(PostHogRegion region) {
        return switch (region) {
            case US -> properties.usUrl();
            case EU -> properties.euUrl();
            case CUSTOM -> throw new IllegalArgumentException("a self-hosted PostHog has no preset URL");
        };
    }

    public PostHogClient forHost(URI baseUrl) {
        return new PostHogClient(baseUrl, http, json, properties.timeout());
    }
}
