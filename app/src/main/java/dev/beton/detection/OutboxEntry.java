package dev.beton.detection;

import dev.beton.posthog.PostHogCaptureEvent;

/**
 * One event waiting in the outbox.
 *
 * @param kind {@code signal}, {@code score}, {@code crm} (the CRM → analytics sync) or {@code business}
 *     (business events forwarded)
 */
record OutboxEntry(long id, long workspaceId, String kind, PostHogCaptureEvent event, int attempts) {

    static final String SIGNAL = "signal";
    static final String SCORE = "score";
    static final String CRM = "crm";
    static final String BUSINESS = "business";
}
