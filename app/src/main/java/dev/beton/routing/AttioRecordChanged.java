package dev.beton.routing;

/**
 * Published for each record event an Attio webhook delivered (signature verified), so features
 * other than the deal mirror can react near-real-time; the payload carries ids only.
 *
 * @param eventType {@code record.created}, {@code record.updated}, {@code record.deleted}, …
 */
public record AttioRecordChanged(long workspaceId, String eventType, String objectId, String recordId) {}
