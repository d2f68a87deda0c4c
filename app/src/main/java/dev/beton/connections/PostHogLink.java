package dev.beton.connections;

import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.util.Optional;

/**
 * What the rest of Beton needs to reach a workspace's PostHog project: its private API host, the
 * personal key (a {@link Secret}, so it never prints), the project, and the public capture token
 * read from the project at validation.
 *
 * @param projectToken empty when the key comes from the environment and no validation stored it
 */
public record PostHogLink(URI host, Secret key, long projectId, Optional<String> projectToken) {}
