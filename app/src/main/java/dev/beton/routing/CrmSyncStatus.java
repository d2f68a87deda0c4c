package dev.beton.routing;

/**
 * The CRM → analytics sync's part of {@code GET /api/v1/attio/sync/status}, provided by that
 * feature (which depends on this one, so the status route asks through this interface).
 */
public interface CrmSyncStatus {

    /** A JSON-ready summary for the workspace. */
    Object status(long workspaceId);
}
