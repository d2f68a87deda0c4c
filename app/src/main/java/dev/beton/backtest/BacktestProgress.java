package dev.beton.backtest;

/** Called after each replayed day: {@code done} of {@code total} days. */
@FunctionalInterface
public interface BacktestProgress {
    void day(int done, int total);
}
