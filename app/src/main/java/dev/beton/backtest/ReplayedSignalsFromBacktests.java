package dev.beton.backtest;

import dev.beton.detection.ReplayedSignals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The Signals page's replay series: the newest live backtest's days, from {@link ReplayHistory}. */
@Component
class ReplayedSignalsFromBacktests implements ReplayedSignals {

    private final ReplayHistory history;

    ReplayedSignalsFromBacktests(ReplayHistory history) {
        this.history = history;
    }

    @Override
    public Optional<Replayed> firedPerDay(long workspaceId, Instant from, Instant to) {
        Optional<ReplayHistory.Source> source = history.latest(workspaceId);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        List<ReplayHistory.Day> days = history.signalsPerDay(workspaceId, from, to);
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        for (ReplayHistory.Day day : days) {
            perDay.merge(day.asOf().atZone(ZoneOffset.UTC).toLocalDate(), (long) day.firedTotal(), Long::sum);
        }
        return Optional.of(new Replayed("replay (backtest " + source.get().backtestId() + ")", perDay));
    }
}
