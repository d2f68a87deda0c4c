package dev.beton.posthog;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where PostHog's clouds are ({@code beton.posthog.*}). Tests and air-gapped installs point them
 * at an emulator.
 *
 * @param usUrl the US cloud's private API
 * @param euUrl the EU cloud's private API
 * @param timeout connect and request timeout of one call
 */
@ConfigurationProperties("beton.posthog")
public record PostHogProperties(
        @DefaultValue("https://us.posthog.com") URI usUrl,
        @DefaultValue("https://eu.posthog.com") URI euUrl,
        @DefaultValue("10s") Duration timeout) {}
