package dev.beton.bizevents;

import java.time.Instant;

/**
 * An alert as {@code GET /api/v1/alerts} lists it.
 *
 * @param rule the rule's key, e.g. {@code revenue_impact_critical}
 * @param eventName the business event that raised it (the latest, when repeated)
 * @param occurrences how many events matched while the alert was open (de-duplication)
 * @param notification what was done beyond in-app: {@code sent}, {@code pending}, {@code
 *     rate_limited}, {@code no_channel}, {@code failed}, {@code dashboard} (high),
 *     {@code weekly_digest} (medium)
 * @param webhook the incoming webhook's outcome: null when the alert was not posted there,
 *     else {@code pending}, {@code sent} or {@code abandoned}
 * @param status {@code open}, {@code acknowledged} or {@code resolved}
 */
public record Alert(
        long id,
        String tier,
        String rule,
        String tenantId,
        String eventName,
        String eventUuid,
        String title,
        String detail,
        int occurrences,
        Instant firstSeenAt,
        Instant lastSeenAt,
        String notification,
        Instant notifiedAt,
        String webhook,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolvedBy,
        String status) {}
