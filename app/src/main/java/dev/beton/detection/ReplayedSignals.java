package dev.beton.detection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signals a replay of past days fired (a backtest of the live settings), for pages that show
 * history next to detection's own. Kept apart from detection's tables on purpose: a replay never
 * becomes "last detection", a current score or a cooldown. Implemented by the backtest feature.
 */
public interface ReplayedSignals {

    /**
     * @param label names the replay on the page, e.g. "replay (backtest 12)"
     * @param perDay signals the replay fired per UTC day; days it did not replay are absent
     */
    record Replayed(String label, Map<LocalDate, Long> perDay) {}

    /** The newest replay's fired signals per UTC day in {@code [from, to)}, if a replay exists. */
    Optional<Replayed> firedPerDay(long workspaceId, Instant from, Instant to);

    /**
     * One account on one replayed day (days on which it had no signal are absent).
     *
     * @param signalTypes signals detected that day (fired or suppressed by their cooldown)
     * @param firedTypes signals that fired that day
     */
    record AccountDay(Instant asOf, int score, List<String> signalTypes, List<String> firedTypes) {}

    /** @param label names the replay on the page, e.g. "replay (backtest 12)" */
    record AccountReplay(String label, List<AccountDay> days) {}

    /** The account's days in the newest replay, ascending, if a replay exists. */
    default Optional<AccountReplay> accountDays(long workspaceId, String accountKey) {
        return Optional.empty();
    }
}
