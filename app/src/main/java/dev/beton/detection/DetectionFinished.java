package dev.beton.detection;

import java.time.Instant;

/**
 * Published after a detection run stored its results (not for dry runs or failed runs), so other
 * features can act on fresh scores — the deal pipeline plans (and applies) its routing then.
 */
public record DetectionFinished(long workspaceId, long runId, Instant asOf) {}
