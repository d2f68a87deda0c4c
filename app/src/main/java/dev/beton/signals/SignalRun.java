package dev.beton.signals;

import dev.beton.query.Dialect;
import java.time.Instant;
import java.util.List;

/**
 * One detection run as of an instant: every outcome (fired or suppressed), one score receipt per
 * account with signals, and the signals whose query failed. A run with failures is partial: the
 * other signals were still detected and scored, and the failed types say which are missing.
 *
 * @param outcomes sorted by account key, then signal type
 * @param receipts sorted by account key
 * @param failures sorted by signal type
 */
public record SignalRun(
        Instant asOf,
        Dialect dialect,
        List<SignalOutcome> outcomes,
        List<ScoreReceipt> receipts,
        List<Failure> failures) {

    public SignalRun {
        outcomes = List.copyOf(outcomes);
        receipts = List.copyOf(receipts);
        failures = List.copyOf(failures);
    }

    /** A signal whose query or evaluation failed; {@code cause} is kept for the caller to log. */
    public record Failure(SignalType type, String definition, RuntimeException cause) {}

    public boolean complete() {
        return failures.isEmpty();
    }

    /** The signals to announce (event, CRM note) and to remember as last fired. */
    public List<DetectedSignal> fired() {
        return outcomes.stream()
                .filter(SignalOutcome.Fired.class::isInstance)
                .map(SignalOutcome::signal)
                .toList();
    }
}
