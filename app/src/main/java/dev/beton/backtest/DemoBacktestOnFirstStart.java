package dev.beton.backtest;

import dev.beton.boot.BackgroundStartStep;
import dev.beton.boot.BetonProperties;
import dev.beton.workspace.Workspaces;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In demo mode, starts a 180-day backtest of the demo world in the background once the world exists
 * and the demo workspace has none, so the Backtest page shows months of history on the first start.
 * It replays only: nothing is stored as detection runs and nothing is sent to PostHog or a CRM.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 300) // after the demo world (+100) and its first detection (+200)
class DemoBacktestOnFirstStart implements BackgroundStartStep {

    static final String DEMO_SLUG = "demo";

    private final BetonProperties beton;
    private final Workspaces workspaces;
    private final Backtests backtests;

    DemoBacktestOnFirstStart(BetonProperties beton, Workspaces workspaces, Backtests backtests) {
        this.beton = beton;
        this.workspaces = workspaces;
        this.backtests = backtests;
    }

    @Override
    public void run() {
        if (!beton.demo()) {
            return;
        }
        workspaces
                .bySlug(DEMO_SLUG)
                .filter(w -> backtests.recent(w.id(), 1).isEmpty())
                .ifPresent(w -> {
                    BacktestRun run = backtests.start(w.id(), Backtests.Request.defaults());
                    System.out.printf(
                            "  Backtest %d of the demo world's last %d days started (Backtest page).%n%n",
                            run.id(), run.days());
                });
    }
}
