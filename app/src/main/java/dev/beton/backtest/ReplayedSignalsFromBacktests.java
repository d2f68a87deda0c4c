package dev.beton.backtest;

import dev.beton.detection.ReplayedSignals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Signals page's replay series and the Account page's replayed days: the newest live
 * backtest's days, from {@link ReplayHistory}.
 */
@Component
class ReplayedSignalsFromBacktests implements ReplayedSignals {

    private final ReplayHistory history;

    ReplayedSignalsFromBacktests(ReplayHistory history) {
        this.history = history;
    }

    @Override
    public Optional<Replayed> firedPerDay(long workspaceId, Instant from, Instant to) {
        return history.latest(workspaceId).map(source -> {
            Map<LocalDate, Long> perDay = new LinkedHashMap<>();
            for (ReplayHistory.Day day : history.signalsPerDay(source, from, to)) {
                perDay.merge(day.asOf().atZone(ZoneOffset.UTC).toLocalDate(), (long) day.firedTotal(), Long::sum);
            }
            return new Replayed("replay (backtest " + source.backtestId() + ")", perDay);
        });
    }

    @Override
    public Optional<AccountReplay> accountDays(long workspaceId, String accountKey) {
        return history.latest(workspaceId)
                .map(source -> new AccountReplay(
                        "replay (backtest " + source.backtestId() + ")",
                        history.account(source, accountKey).stream()
                                .map(d -> new AccountDay(d.asOf(), d.score(), d.signalTypes(), d.firedTypes()))
                                .toList()));
    }
}
