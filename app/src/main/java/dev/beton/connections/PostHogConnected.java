package dev.beton.connections;

/** Published when a workspace's PostHog key was validated and stored (a new or re-tested connection). */
public record PostHogConnected(long workspaceId) {}
