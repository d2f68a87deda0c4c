package dev.beton.detection;

import dev.beton.signals.ScoreReceipt;
import java.util.List;
import java.util.Optional;

/**
 * Everything stored about one account's signals.
 *
 * @param receipt the latest score receipt (empty when no run scored the account)
 * @param explanation the receipt as sentences
 * @param history every outcome, newest first, fired and suppressed
 */
public record AccountSignals(
        AccountScore score, Optional<ScoreReceipt> receipt, List<String> explanation, List<StoredSignal> history) {

    public AccountSignals {
        explanation = List.copyOf(explanation);
        history = List.copyOf(history);
    }

    public List<StoredSignal> suppressed() {
        return history.stream().filter(s -> !s.fired()).toList();
    }
}
