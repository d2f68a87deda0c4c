package dev.beton.posthog;

import java.util.List;
import java.util.UUID;

/**
 * What one {@link PostHogCapture#send} did.
 *
 * @param accepted events PostHog's capture answered 200 for (which does not yet mean ingested)
 * @param requests {@code /batch/} requests it took
 * @param refused events that were not sent because PostHog would refuse them whatever happens
 */
public record PostHogCaptureResult(int accepted, int requests, List<Refused> refused) {

    public PostHogCaptureResult {
        refused = List.copyOf(refused);
    }

    /** An event left out of the batch, with a sentence saying why. */
    public record Refused(UUID uuid, String event, String reason) {}
}
