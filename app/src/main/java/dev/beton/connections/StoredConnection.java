package dev.beton.connections;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A row of {@code integration_connections}: the non-secret side of a connection.
 *
 * @param externalName PostHog organization name or Attio workspace name
 * @param externalId PostHog project id or Attio workspace slug
 * @param settings integration-specific, non-secret values (host, project token, scopes)
 */
record StoredConnection(
        Integration integration,
        Optional<String> externalName,
        Optional<String> externalId,
        Map<String, String> settings,
        boolean validated,
        ValidationState state,
        Optional<Instant> validatedAt,
        Optional<String> validationError,
        Optional<Instant> lastCheckedAt,
        Optional<Instant> lastSync,
        boolean active) {

    Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name)).filter(s -> !s.isBlank());
    }
}
