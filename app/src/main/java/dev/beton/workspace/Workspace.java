package dev.beton.workspace;

import java.time.Instant;

/**
 * An isolated tenant: its own events, settings, integrations and members.
 *
 * @param projectToken the public {@code phc_…} token SDKs send events with; not a secret
 */
public record Workspace(long id, String slug, String name, String projectToken, Instant createdAt) {}
