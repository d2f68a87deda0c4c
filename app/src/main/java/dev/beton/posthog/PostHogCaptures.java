package dev.beton.posthog;

import java.net.URI;
import java.net.http.HttpClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Hands out a {@link PostHogCapture} per ingestion host; they share one JDK HTTP client. */
@Component
public class PostHogCaptures {

    private final PostHogProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    PostHogCaptures(PostHogProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Capture for the PostHog whose private API is at {@code privateApi}. */
    public PostHogCapture forApiHost(URI privateApi) {
        return new PostHogCapture(
                PostHogCapture.ingestionHostOf(privateApi),
                http,
                json,
                properties.timeout(),
                PostHogCapture.BATCH_LIMIT,
                PostHogCapture.EVENT_LIMIT);
    }

    /** For tests that check chunking without building 20 MB bodies. */
    PostHogCapture withLimits(URI host, int batchLimit, int eventLimit) {
        return new PostHogCapture(host, http, json, properties.timeout(), batchLimit, eventLimit);
    }
}
