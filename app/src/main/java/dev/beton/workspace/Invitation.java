package dev.beton.workspace;

import java.time.Instant;

/** A pending (or answered) invitation to join a workspace with a role. */
public record Invitation(
        long id,
        long workspaceId,
        String workspaceName,
        String email,
        Role role,
        Instant createdAt,
        Instant expiresAt,
        boolean open) {}
