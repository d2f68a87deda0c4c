package dev.beton.detection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An account's current standing: its score as of the latest finished run (0 when that run found
 * no signal for it) and when a signal last fired for it.
 */
public record AccountScore(
        String accountKey,
        int score,
        boolean hot,
        List<String> signalTypes,
        Optional<Instant> lastSignalAt,
        Optional<Instant> scoredAsOf) {

    public AccountScore {
        signalTypes = List.copyOf(signalTypes);
    }
}
