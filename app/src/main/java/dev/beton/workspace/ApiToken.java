package dev.beton.workspace;

import java.time.Instant;
import java.util.Optional;

/** An API token as listed: never the secret itself, only a hint of its last characters. */
public record ApiToken(
        long id,
        long workspaceId,
        long userId,
        String name,
        String hint,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt) {}
