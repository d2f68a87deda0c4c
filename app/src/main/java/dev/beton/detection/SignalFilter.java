package dev.beton.detection;

import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.Optional;

/**
 * Which stored signals to list.
 *
 * @param since outcomes detected as of this instant or later
 * @param status {@code fired} or {@code suppressed}
 */
public record SignalFilter(
        Optional<SignalType> type, Optional<String> account, Optional<Instant> since, Optional<String> status) {

    public static SignalFilter all() {
        return new SignalFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
