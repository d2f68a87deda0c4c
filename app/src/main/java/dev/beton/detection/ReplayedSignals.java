package dev.beton.detection;

import java.time.Instant;
import java.time.LocalDate;
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
}
