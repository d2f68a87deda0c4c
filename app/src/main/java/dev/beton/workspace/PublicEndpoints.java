package dev.beton.workspace;

import java.util.List;

/**
 * Paths a feature serves without a Beton login and without CSRF (e.g. the PostHog-compatible
 * capture routes, which authenticate by project token). Declare one as a bean; the security
 * configuration collects them all.
 *
 * @param patterns Spring path patterns, e.g. {@code /batch/**}
 */
public record PublicEndpoints(List<String> patterns) {

    public static PublicEndpoints of(String... patterns) {
        return new PublicEndpoints(List.of(patterns));
    }
}
