package dev.beton.detection;

import dev.beton.posthog.PostHogCaptureEvent;
import java.util.List;

/**
 * One row waiting in the outbox: one event, or a group of events queued together (a page of the
 * CRM sync), sent, retried and abandoned together.
 *
 * @param events one or more, each with its own uuid
 * @param kind {@code signal}, {@code score}, {@code crm} (the CRM → analytics sync) or {@code business}
 *     (business events forwarded)
 */
record OutboxEntry(long id, long workspaceId, String kind, List<PostHogCaptureEvent> events, int attempts) {

    static final String SIGNAL = "signal";
    static final String SCORE = "score";
    static final String CRM = "crm";
    static final String BUSINESS = "business";

    OutboxEntry {
        events = List.copyOf(events);
    }
}
