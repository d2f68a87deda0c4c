package dev.beton.backtest;

import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What detection would have said as of one past day.
 *
 * @param signals every detected signal, fired or suppressed by its cooldown
 * @param scores one per account with signals
 * @param measures per enabled signal, every measured account before the threshold (for what-ifs)
 */
record ReplayDay(
        Instant asOf,
        List<DaySignal> signals,
        List<DayScore> scores,
        Map<SignalType, List<SignalCatalog.Measured>> measures) {

    record DaySignal(String accountKey, SignalType type, boolean fired) {}

    record DayScore(String accountKey, int score) {}
}
