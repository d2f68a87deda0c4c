package dev.beton.crm;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Attio's API is ({@code beton.attio.*}); tests point it at the emulator.
 *
 * @param baseUrl the API root, without {@code /v2}
 * @param timeout connect and request timeout of one call
 */
@ConfigurationProperties("beton.attio")
public record AttioProperties(
        @DefaultValue("https://api.attio.com") URI baseUrl,
        @DefaultValue("10s") Duration timeout) {}
