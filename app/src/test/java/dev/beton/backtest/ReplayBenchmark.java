package dev.beton.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.detection.DetectionBenchmark;
import dev.beton.detection.WarehouseQueryRunner;
import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Issue 19 §6: a 180-day replay against one detection run, in the same run on the same file (the
 * detection benchmark's generated world). The day-by-day replay is timed over a sample of days and
 * extrapolated, because 180 of them take minutes at this scale. Off by default; {@code
 * bench/backtest.sh} sets {@code BETON_BENCH=1}.
 */
@Tag("benchmark")
@EnabledIfEnvironmentVariable(named = "BETON_BENCH", matches = "1")
class ReplayBenchmark {

    static final int ACCOUNTS = Integer.parseInt(env("BETON_BENCH_ACCOUNTS", "1000"));
    static final long EVENTS = Long.parseLong(env("BETON_BENCH_EVENTS", "1000000"));
    static final int DAYS = Integer.parseInt(env("BETON_BENCH_REPLAY_DAYS", "180"));
    static final int SAMPLE_DAYS = Integer.parseInt(env("BETON_BENCH_SAMPLE_DAYS", "10"));

    @Test
    void replayOf180DaysAgainstOneDetectionRun() throws Exception {
        Path file = Path.of("target/bench/detection-" + ACCOUNTS + "-" + EVENTS + ".duckdb");
        DetectionBenchmark.EventWorld.ensure(file, ACCOUNTS, EVENTS);
        try (Connection connection = DetectionBenchmark.open(file)) {
            QueryRunner runner = new QueryRunner() {
                @Override
                public ResultRows run(RenderedQuery q) {
                    return DetectionBenchmark.run(connection, q.sql(), q.positionalValues());
                }

                @Override
                public void forEachRow(RenderedQuery q, Consumer<List<Object>> each) {
                    // As the embedded warehouse's runner: the replay's scans are read as they come.
                    try {
                        WarehouseQueryRunner.forEachRow(connection, q, each);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
            };
            SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), 0);
            Instant now = DetectionBenchmark.AS_OF.plus(Duration.ofHours(1));
            List<Instant> days = Backtests.replayDays(now, ZoneOffset.UTC, DAYS);
            catalog.run(days.getLast(), Dialect.DUCKDB, runner, Map.of()); // warm the buffer pool

            List<Long> one = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                catalog.run(days.getLast(), Dialect.DUCKDB, runner, Map.of());
                one.add(System.nanoTime() - start);
            }
            long oneRun = one.stream().sorted().toList().get(1);

            long start = System.nanoTime();
            List<ReplayDay> windowed = new Replay(catalog, runner, Replay.Strategy.WINDOWED, 0).run(days, (d, t) -> {});
            long windowedNanos = System.nanoTime() - start;

            start = System.nanoTime();
            // The days are computed when read: read each once, as the replay does.
            new ReplayWindows(catalog.settings(), 0, runner, days)
                    .rows(catalog.enabledTypes())
                    .values()
                    .forEach(perDay -> perDay.forEach(rows -> rows.rows().size()));
            long scanNanos = System.nanoTime() - start;

            List<Instant> sample = days.subList(days.size() - SAMPLE_DAYS, days.size());
            start = System.nanoTime();
            List<ReplayDay> dayByDay =
                    new Replay(catalog, runner, Replay.Strategy.DAY_BY_DAY, 0).run(sample, (d, t) -> {});
            long sampleNanos = System.nanoTime() - start;

            // Same decisions on the sampled days (the cooldown state starts empty in both).
            List<ReplayDay> windowedSample =
                    new Replay(catalog, runner, Replay.Strategy.WINDOWED, 0).run(sample, (d, t) -> {});
            assertThat(windowedSample).isEqualTo(dayByDay);

            String report = String.join(
                    "\n",
                    "events=" + EVENTS + " accounts=" + ACCOUNTS + " replayed days=" + DAYS,
                    "one detection run ms (8 signals + scoring, median of 3): " + ms(one) + " -> " + oneRun / 1_000_000,
                    "windowed replay of " + DAYS + " days ms: " + windowedNanos / 1_000_000,
                    String.format("ratio windowed replay / one detection run: %.2f", (double) windowedNanos / oneRun),
                    "of which the scans and windows (ReplayWindows alone, timed again) ms: " + scanNanos / 1_000_000,
                    "day-by-day replay of " + SAMPLE_DAYS + " days ms: " + sampleNanos / 1_000_000
                            + String.format(
                                    " (extrapolated to %d days: %.0f ms, %.1f x one run)",
                                    DAYS,
                                    sampleNanos / 1e6 * DAYS / SAMPLE_DAYS,
                                    (double) sampleNanos * DAYS / SAMPLE_DAYS / oneRun),
                    "signals on the replayed days: "
                            + windowed.stream()
                                    .mapToInt(d -> d.signals().size())
                                    .sum(),
                    "peak RSS of the JVM process (VmHWM, includes DuckDB): "
                            + Files.readAllLines(Path.of("/proc/self/status")).stream()
                                    .filter(l -> l.startsWith("VmHWM"))
                                    .findFirst()
                                    .orElse("?")
                                    .replaceAll("\\s+", " "),
                    String.format(
                            "java heap: cap (-Xmx) %d MB, peak used %d MB (sum of the heap pools' peaks)",
                            Runtime.getRuntime().maxMemory() >> 20, peakHeapUsed() >> 20),
                    "load average: "
                            + Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.println(report);
            Files.writeString(Path.of("target/bench/backtest-report.txt"), report);
        }
    }

    /** An upper bound of the peak heap in use: each pool's own peak, summed (they peak at different times). */
    private static long peakHeapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    private static List<Long> ms(List<Long> nanos) {
        return nanos.stream().map(n -> n / 1_000_000).toList();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
