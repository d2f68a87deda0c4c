package dev.beton.posthog;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where PostHog's clouds are ({@code beton.posthog.*}). Tests and air-gapped installs point them
 * at an emulator.
 *
 * @param usUrl the US cloud's private API
 * @param euUrl the EU cloud's private API
 * @param timeout connect and request timeout of one call
 * @param queryWait how long an asynchronous query (answered 202) is polled before the client gives
 *     up; PostHog stops a query after 10 s of execution but may queue it for up to 30 s first
 */
@ConfigurationProperties("beton.posthog")
public record PostHogProperties(
        @DefaultValue("https://us.posthog.com") URI usUrl,
        @DefaultValue("https://eu.posthog.com") URI euUrl,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("60s") Duration queryWait) {

    /** The default wait for asynchronous queries; see {@link #queryWait()}. */
    public static final Duration DEFAULT_QUERY_WAIT = Duration.ofSeconds(60);

    @ConstructorBinding
    public PostHogProperties {
        if (queryWait == null) {
            queryWait = DEFAULT_QUERY_WAIT;
        }
        if (queryWait.isNegative() || queryWait.isZero()) {
            throw new IllegalArgumentException("beton.posthog.query-wait must be positive, got " + queryWait);
        }
    }

    /** Without a query wait: the default one. Kept for callers written before it existed. */
    public PostHogProperties(URI usUrl, URI euUrl, Duration timeout) {
        this(usUrl, euUrl, timeout, DEFAULT_QUERY_WAIT);
    }
}
