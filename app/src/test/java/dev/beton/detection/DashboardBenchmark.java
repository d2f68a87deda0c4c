package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.dashboards.DashboardCatalog;
import dev.beton.dashboards.DashboardDefinition;
import dev.beton.dashboards.TileDefinition;
import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@code bench/dashboards.sh}: every query tile of the four dashboards on the detection
 * benchmark's event file (company group 0), each computed as on a cold tile cache (the query runs),
 * {@value #REPEATS} times: p95 per tile, and a whole page = its tiles one after the other, as the
 * page computes them. Scale from {@code BETON_BENCH_EVENTS} / {@code BETON_BENCH_ACCOUNTS}.
 * Signal tiles scan for {@code beton_signal_fired}, which this file does not hold (they answer
 * empty after the same scan).
 */
@Tag("benchmark")
@EnabledIfEnvironmentVariable(named = "BETON_BENCH", matches = "1")
class DashboardBenchmark {

    static final int REPEATS = 20;

    @Test
    void tilesAndPages() throws Exception {
        int accounts = Integer.parseInt(System.getenv().getOrDefault("BETON_BENCH_ACCOUNTS", "10000"));
        long events = Long.parseLong(System.getenv().getOrDefault("BETON_BENCH_EVENTS", "10000000"));
        Path file = Path.of("target/bench/detection-" + accounts + "-" + events + ".duckdb");
        DetectionBenchmark.EventWorld.ensure(file, accounts, events);
        Instant asOf = DetectionBenchmark.AS_OF;
        StringBuilder report = new StringBuilder(
                "events=" + events + " accounts=" + accounts + " asOf=" + asOf + " repeats=" + REPEATS + "\n");
        try (Connection connection = DetectionBenchmark.open(file)) {
            List<Long> bare = new ArrayList<>();
            DetectionBenchmark.run(connection, DetectionBenchmark.BARE_SCAN, List.of());
            for (int r = 0; r < REPEATS; r++) {
                long start = System.nanoTime();
                DetectionBenchmark.run(connection, DetectionBenchmark.BARE_SCAN, List.of());
                bare.add(System.nanoTime() - start);
            }
            long bareP95 = p95(bare);
            report.append("bare scan (")
                    .append(DetectionBenchmark.BARE_SCAN)
                    .append(") p95 ")
                    .append(bareP95 / 1_000_000)
                    .append(" ms\n");
            long worstTileP95 = 0;
            for (DashboardDefinition dashboard : DashboardCatalog.all()) {
                List<Long> pages = new ArrayList<>();
                List<List<Long>> perTile = new ArrayList<>();
                List<TileDefinition> tiles = dashboard.tiles().stream()
                        .filter(t -> t.query().isPresent())
                        .toList();
                tiles.forEach(t -> perTile.add(new ArrayList<>()));
                for (int r = 0; r < REPEATS; r++) {
                    long pageStart = System.nanoTime();
                    for (int i = 0; i < tiles.size(); i++) {
                        RenderedQuery query = tiles.get(i)
                                .query()
                                .get()
                                .build(0, dashboard.defaultPeriodDays())
                                .render(Dialect.DUCKDB, asOf);
                        long start = System.nanoTime();
                        DetectionBenchmark.run(connection, query.sql(), query.positionalValues());
                        perTile.get(i).add(System.nanoTime() - start);
                    }
                    pages.add(System.nanoTime() - pageStart);
                }
                report.append(dashboard.id())
                        .append(": page p95 ")
                        .append(p95(pages) / 1_000_000)
                        .append(" ms (")
                        .append(tiles.size())
                        .append(" query tiles); tile p95 ms:");
                for (int i = 0; i < tiles.size(); i++) {
                    long p = p95(perTile.get(i));
                    worstTileP95 = Math.max(worstTileP95, p);
                    report.append(' ').append(tiles.get(i).id()).append('=').append(p / 1_000_000);
                }
                report.append('\n');
            }
            report.append("worst tile p95 ms: ")
                    .append(worstTileP95 / 1_000_000)
                    .append(String.format(" (%.1f× the bare scan)", (double) worstTileP95 / bareP95))
                    .append('\n');
            report.append("load average: ")
                    .append(Files.readString(Path.of("/proc/loadavg")).trim())
                    .append('\n');
        }
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/dashboards-report.txt"), report.toString());
        System.out.println(report);
        assertThat(report).contains("worst tile p95");
    }

    private static long p95(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
    }
}
