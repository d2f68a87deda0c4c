package dev.beton.posthog;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Hands out a {@link PostHogClient} per host; they share one JDK HTTP client. */
@Component
public class PostHogClients {

    private final PostHogProperties properties;
    private final JsonMapper json;
    private final HttpClient http;
    private final QueryPolling polling;

    /** With the system clock; for callers outside Spring. */
    PostHogClients(PostHogProperties properties, JsonMapper json) {
        this(properties, json, Clock.systemUTC());
    }

    @Autowired
    PostHogClients(PostHogProperties properties, JsonMapper json, Clock clock) {
        this(properties, json, clock, QueryPolling.Pause.sleeping());
    }

    /** Tests pass a pause that moves their clock, so polling an async query takes no real time. */
    PostHogClients(PostHogProperties properties, JsonMapper json, Clock clock, QueryPolling.Pause pause) {
        this.properties = properties;
        this.json = json;
        this.polling = new QueryPolling(clock, pause, properties.queryWait());
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
        return new PostHogClient(baseUrl, http, json, properties.timeout(), polling);
    }
}
