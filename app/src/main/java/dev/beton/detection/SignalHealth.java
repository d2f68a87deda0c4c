package dev.beton.detection;

import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.Optional;

/**
 * How one signal type is doing in a workspace: when it last fired and, when the data it reads is
 * missing, why it cannot fire — one sentence a RevOps user can act on.
 *
 * @param lastFired the newest as-of at which it fired, empty when it never did
 * @param problem why it cannot fire, empty when its data is there
 */
public record SignalHealth(SignalType type, Optional<Instant> lastFired, Optional<String> problem) {

    public boolean canFire() {
        return problem.isEmpty();
    }
}
