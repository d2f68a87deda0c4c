package dev.beton.signals;

import java.util.List;

/**
 * Where detection and backtests find a workspace's enabled custom signals (promoted inspection
 * rules). Implemented by the inspector, which owns the rules; an empty list is the default.
 */
@FunctionalInterface
public interface PromotedSignals {

    /** The enabled custom signals of the workspace, sorted by type; disabled promotions are left out. */
    List<CustomSignal> enabled(long workspaceId);
}
