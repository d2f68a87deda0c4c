package dev.beton.detection;

import dev.beton.signals.Evidence;
import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.Optional;

/**
 * One stored signal outcome.
 *
 * @param status {@code fired} or {@code suppressed} (inside its cooldown: recorded, not announced)
 * @param definition {@code id@version} of the query that detected it
 * @param lastFiredAt for a suppressed signal, the firing whose cooldown silenced it
 * @param cooldownEndsAt for a suppressed signal, when that cooldown ends (exclusive)
 */
public record StoredSignal(
        long id,
        long runId,
        String accountKey,
        SignalType type,
        String status,
        Instant asOf,
        int baseScore,
        double measure,
        int threshold,
        String definition,
        Evidence evidence,
        Optional<Instant> lastFiredAt,
        Optional<Instant> cooldownEndsAt) {

    public boolean fired() {
        return SignalStore.FIRED.equals(status);
    }
}
