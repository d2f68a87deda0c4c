package dev.beton.backtest;

import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replayed signal history ({@link ReplayHistory}), always marked {@code "kind": "replay"} with the
 * backtest it comes from: {@code GET /api/v1/replay-history/signals-per-day[?days=N]} and
 * {@code GET /api/v1/replay-history/accounts/{key}}.
 */
@RestController
@RequestMapping("/api/v1/replay-history")
class ReplayHistoryApi {

    record SignalsPerDay(String kind, Optional<ReplayHistory.Source> source, List<ReplayHistory.Day> days) {}

    record AccountHistory(
            String kind,
            String accountKey,
            Optional<ReplayHistory.Source> source,
            List<ReplayHistory.AccountDay> days) {}

    private final ReplayHistory history;
    private final Clock clock;

    ReplayHistoryApi(ReplayHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @GetMapping("/signals-per-day")
    SignalsPerDay signalsPerDay(CurrentWorkspace workspace, @RequestParam(defaultValue = "180") int days) {
        int span = Math.max(1, Math.min(days, Backtests.MAX_DAYS));
        Instant now = clock.instant();
        return new SignalsPerDay(
                "replay",
                history.latest(workspace.id()),
                history.signalsPerDay(workspace.id(), now.minus(Duration.ofDays(span)), now.plusSeconds(1)));
    }

    @GetMapping("/accounts/{key}")
    AccountHistory account(CurrentWorkspace workspace, @PathVariable String key) {
        return new AccountHistory("replay", key, history.latest(workspace.id()), history.account(workspace.id(), key));
    }
}
