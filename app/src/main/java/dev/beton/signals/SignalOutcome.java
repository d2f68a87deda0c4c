package dev.beton.signals;

import java.time.Instant;

/** What became of a detected signal once its cooldown was checked. */
public sealed interface SignalOutcome {

    DetectedSignal signal();

    /** New: announce it (event, CRM note) and remember {@code signal().asOf()} as its last firing. */
    record Fired(DetectedSignal signal) implements SignalOutcome {}

    /**
     * Its condition holds, but it fired for this account at {@code lastFiredAt} and the cooldown
     * runs until {@code cooldownEndsAt} (exclusive). Record it; do not announce it.
     */
    record Suppressed(DetectedSignal signal, Instant lastFiredAt, Instant cooldownEndsAt) implements SignalOutcome {}
}
