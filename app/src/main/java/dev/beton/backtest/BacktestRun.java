package dev.beton.backtest;

import java.time.Instant;
import java.util.Optional;

/**
 * One stored backtest: which settings version replayed which period, its progress, and the report.
 *
 * @param settingsVersion the first 12 hex digits of the SHA-256 of the settings JSON
 * @param settingsLabel {@code live} (the workspace's settings when it ran) or a draft's name
 */
public record BacktestRun(
        long id,
        long workspaceId,
        Status status,
        String settingsVersion,
        String settingsLabel,
        Instant periodStart,
        Instant periodEnd,
        int days,
        int daysDone,
        int attributionDays,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Optional<BacktestReport> report,
        Optional<String> error) {

    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED
    }
}
