package dev.beton.connections;

import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.util.Optional;

/**
 * The PostHog settings in effect for a workspace, environment over stored.
 *
 * @param stored the active stored connection, if any
 */
record PostHogSettings(
        Optional<Secret> key,
        KeySource source,
        Optional<URI> host,
        Optional<Long> projectId,
        Optional<StoredConnection> stored) {

    boolean configured() {
        return key.isPresent();
    }
}
