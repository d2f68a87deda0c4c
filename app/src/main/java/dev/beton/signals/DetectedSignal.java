package dev.beton.signals;

import dev.beton.query.TimeWindow;
import java.time.Instant;
import java.util.List;

/**
 * A signal whose condition holds for an account as of an instant, before cooldown is applied.
 *
 * @param accountKey the company group key ({@code $group_N})
 * @param baseScore the points it carries, from the workspace's tuning at detection time
 * @param measure the number compared with the threshold, in the unit of {@link
 *     SignalType#thresholdMeaning()}
 * @param threshold the threshold it crossed
 * @param definitionId library id of the query, e.g. {@code signal.pricing_intent}
 * @param windows the windows the query looked at, pinned to {@code asOf}
 */
public record DetectedSignal(
        String accountKey,
        SignalType type,
        int baseScore,
        Instant asOf,
        double measure,
        int threshold,
        Evidence evidence,
        String definitionId,
        int definitionVersion,
        List<TimeWindow.Resolved> windows) {

    public DetectedSignal {
        windows = List.copyOf(windows);
    }

    /** {@code id@version} of the definition that detected it. */
    public String definitionReference() {
        return definitionId + "@" + definitionVersion;
    }
}
