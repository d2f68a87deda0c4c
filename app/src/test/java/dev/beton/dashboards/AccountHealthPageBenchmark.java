package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.detection.DetectionBenchmark;
import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@code bench/dashboards.sh}, second part: the Account Health page as Beton computes it now
 * ({@link AccountHealthPass}: all six tiles from the usage rollup, built first as the daily
 * refresh leaves it at asOf, plus the raw events it does not hold) against its six tile queries
 * one after the other, and the bare scan, interleaved in the same run on the detection benchmark's
 * event file; then each of the six tiles cold as Beton serves one (data check + the pass with only
 * that tile). Figures: {@code target/bench/account-health-report.txt}.
 */
@Tag("benchmark")
@EnabledIfEnvironmentVariable(named = "BETON_BENCH", matches = "1")
class AccountHealthPageBenchmark {

    /** 20 by default; {@code BETON_BENCH_REPEATS} fewer on a busy machine at full scale. */
    private static final int REPEATS = Integer.parseInt(System.getenv().getOrDefault("BETON_BENCH_REPEATS", "20"));

    @Test
    void passAgainstTileByTile() throws Exception {
        int accounts = Integer.parseInt(System.getenv().getOrDefault("BETON_BENCH_ACCOUNTS", "10000"));
        long events = Long.parseLong(System.getenv().getOrDefault("BETON_BENCH_EVENTS", "10000000"));
        Path file = Path.of("target/bench/detection-" + accounts + "-" + events + ".duckdb");
        DetectionBenchmark.EventWorld.ensure(file, accounts, events);
        if ("1".equals(System.getenv("BETON_BENCH_ORDERED"))) {
            file = inArrivalOrder(file);
        } else if ("1".equals(System.getenv("BETON_BENCH_IMPORTED"))) {
            file = asImported(file, DetectionBenchmark.AS_OF);
        }
        Instant asOf = DetectionBenchmark.AS_OF;
        DashboardDefinition dashboard = Dashboards.definition("account-health");
        int days = dashboard.defaultPeriodDays();
        List<RenderedQuery> queries = dashboard.tiles().stream()
                .filter(t -> t.query().isPresent())
                .map(t -> t.query().get().build(0, days).render(Dialect.DUCKDB, asOf))
                .toList();
        LocalDateTime since = LocalDateTime.ofInstant(asOf.minus(Duration.ofDays(days)), ZoneOffset.UTC);
        LocalDateTime until = LocalDateTime.ofInstant(asOf, ZoneOffset.UTC);
        String bareScan = "SELECT \"$group_0\", count(*) FROM events GROUP BY 1";
        List<Long> bare = new ArrayList<>();
        List<Long> tileByTile = new ArrayList<>();
        List<Long> pass = new ArrayList<>();
        // Each query tile cold as Beton serves it (Dashboards.tile, or a page with only that tile
        // stale): the data check, then AccountHealthPass with only that tile.
        List<String> tileIds = dashboard.tiles().stream()
                .map(TileDefinition::id)
                .filter(AccountHealthPass.TILES::contains)
                .toList();
        Map<String, List<Long>> coldTile = new LinkedHashMap<>();
        tileIds.forEach(id -> coldTile.put(id, new ArrayList<>()));
        long build;
        long refresh;
        long nextDay;
        StringBuilder staleLines = new StringBuilder();
        try (Connection connection = DetectionBenchmark.open(file)) {
            for (String migration : List.of(
                    "/warehouse/V60__usage_rollup.sql",
                    "/warehouse/V61__usage_cut_days.sql",
                    "/warehouse/V62__usage_last_seen.sql")) {
                try (InputStream sql = getClass().getResourceAsStream(migration);
                        Statement statement = connection.createStatement()) {
                    statement.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            // The rollup as the daily refresh leaves it at asOf: every complete day before asOf's.
            UsageRollup.forget(connection);
            long built = System.nanoTime();
            UsageRollup.refresh(connection, asOf);
            build = System.nanoTime() - built;
            long refreshed = System.nanoTime();
            UsageRollup.refresh(connection, asOf.plusSeconds(60));
            refresh = System.nanoTime() - refreshed;
            new AccountHealthPass(0, asOf, days).compute(connection); // warm up
            for (int r = 0; r < REPEATS; r++) {
                long start = System.nanoTime();
                DetectionBenchmark.run(connection, bareScan, List.of());
                bare.add(System.nanoTime() - start);
                start = System.nanoTime();
                for (RenderedQuery q : queries) {
                    DetectionBenchmark.run(connection, q.sql(), q.positionalValues());
                }
                tileByTile.add(System.nanoTime() - start);
                start = System.nanoTime();
                // The page's data check (its tiles need product events), then its six tiles.
                NativeTiles.productEvents(connection, since, until);
                assertThat(new AccountHealthPass(0, asOf, days).compute(connection))
                        .hasSize(AccountHealthPass.TILES.size());
                pass.add(System.nanoTime() - start);
                for (String id : tileIds) {
                    start = System.nanoTime();
                    NativeTiles.productEvents(connection, since, until);
                    assertThat(new AccountHealthPass(0, asOf, days).compute(connection, Set.of(id)))
                            .containsOnlyKeys(id);
                    coldTile.get(id).add(System.nanoTime() - start);
                }
            }
            // The rollup as an earlier refresh leaves it, its later events read from events: 15
            // minutes before asOf (the periodic refresh's longest gap), and at midnight (today's
            // six hours raw: no refresh since the day began).
            for (Duration before : List.of(Duration.ofMinutes(15), Duration.ofHours(6))) {
                UsageRollup.refresh(connection, asOf.minus(before));
                List<Long> page = new ArrayList<>();
                List<Long> health = new ArrayList<>();
                for (int r = 0; r < REPEATS; r++) {
                    long start = System.nanoTime();
                    NativeTiles.productEvents(connection, since, until);
                    new AccountHealthPass(0, asOf, days).compute(connection);
                    page.add(System.nanoTime() - start);
                    start = System.nanoTime();
                    NativeTiles.productEvents(connection, since, until);
                    new AccountHealthPass(0, asOf, days).compute(connection, Set.of("health_distribution"));
                    health.add(System.nanoTime() - start);
                }
                staleLines
                        .append("\nwith the rollup refreshed ")
                        .append(before.toMinutes())
                        .append(" min before asOf (later events read from events): page p95 ")
                        .append(ms(p95(page)))
                        .append(" ms, health_distribution cold p95 ")
                        .append(ms(p95(health)))
                        .append(" ms");
            }
            // The daily refresh: the next day, asOf's day is complete and rolled up (its events
            // before asOf; the file holds none after it).
            long nextRefresh = System.nanoTime();
            UsageRollup.refresh(connection, asOf.plus(Duration.ofDays(1)));
            nextDay = System.nanoTime() - nextRefresh;
        }
        String report = "events=" + events + " accounts=" + accounts + " period=" + days + "d repeats=" + REPEATS
                + " file=" + file.getFileName()
                + "\nbare scan p95 " + ms(p95(bare)) + " ms"
                + "\naccount-health page, six tile queries in a row: p95 " + ms(p95(tileByTile)) + " ms"
                + String.format(" (%.1f× the bare scan)", (double) p95(tileByTile) / p95(bare))
                + "\naccount-health page, data check + AccountHealthPass (usage rollup + raw tail, all six tiles): p95 "
                + ms(p95(pass)) + " ms"
                + String.format(" (%.1f× the bare scan)", (double) p95(pass) / p95(bare))
                + "\naccount-health page p95 ms: " + ms(p95(pass)) + " (goal 500)"
                + coldTileLines(coldTile, p95(bare))
                + staleLines
                + "\nusage rollup: built from scratch in " + ms(build) + " ms, refreshed with nothing new in "
                + ms(refresh) + " ms, refreshed the next day (one more day) in " + ms(nextDay) + " ms"
                + "\nload average: "
                + Files.readString(Path.of("/proc/loadavg")).trim() + "\n";
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/account-health-report.txt"), report);
        System.out.println(report);
    }

    /**
     * A copy of the event file with the events stored in time order, as capture appends them (the
     * generator writes them account by account, so every row group spans the 60 days and a range
     * of timestamps prunes nothing). {@code BETON_BENCH_ORDERED=1}.
     */
    private static Path inArrivalOrder(Path file) throws Exception {
        Path ordered = Path.of(file.toString().replace(".duckdb", "-ordered.duckdb"));
        if (Files.exists(ordered)) {
            return ordered;
        }
        try (Connection c = DetectionBenchmark.open(ordered);
                Statement s = c.createStatement()) {
            s.execute("ATTACH '" + file.toAbsolutePath() + "' AS source (READ_ONLY)");
            s.execute("CREATE TABLE events AS SELECT * FROM source.events ORDER BY inserted_at, timestamp");
            s.execute("CREATE TABLE group_types AS SELECT * FROM source.group_types");
            s.execute("CREATE TABLE groups AS SELECT * FROM source.groups");
            s.execute("DETACH source");
        }
        return ordered;
    }

    /**
     * A copy laid out as Beton writes an imported history followed by live capture: the events
     * before the day before asOf in the file's own order (account by account), stamped
     * {@code inserted_at} as one import's commits stamp them (the clock at each commit: rising
     * through the file, all of it a day before asOf), then the last day's events in time order,
     * each recorded as it happened. The generated file itself stamps every event at its own
     * timestamp in account order, which no writer of Beton's does (every write goes through
     * {@code EventBatchWriter}, which stamps the commit's time), so there neither column prunes a
     * row group. {@code BETON_BENCH_IMPORTED=1}.
     */
    private static Path asImported(Path file, Instant asOf) throws Exception {
        Path imported = Path.of(file.toString().replace(".duckdb", "-imported.duckdb"));
        if (Files.exists(imported)) {
            return imported;
        }
        LocalDateTime importedAt = LocalDateTime.ofInstant(asOf.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        try (Connection c = DetectionBenchmark.open(imported);
                Statement s = c.createStatement()) {
            s.execute("ATTACH '" + file.toAbsolutePath() + "' AS source (READ_ONLY)");
            // An import commits 10,000 events at a time, about a second apart.
            s.execute("CREATE TABLE events AS SELECT * EXCLUDE (inserted_at, n), TIMESTAMP '" + importedAt
                    + "' + to_seconds(n // 10000) AS inserted_at FROM (SELECT *, rowid AS n FROM source.events"
                    + " WHERE timestamp < TIMESTAMP '" + importedAt + "') ORDER BY n");
            s.execute("INSERT INTO events SELECT * FROM source.events WHERE timestamp >= TIMESTAMP '" + importedAt
                    + "' ORDER BY timestamp");
            s.execute("CREATE TABLE group_types AS SELECT * FROM source.group_types");
            s.execute("CREATE TABLE groups AS SELECT * FROM source.groups");
            s.execute("DETACH source");
        }
        return imported;
    }

    /** Greppable: {@code account-health tile <id> cold p95 ms: <n> (goal 100)}, and the worst of them. */
    private static String coldTileLines(Map<String, List<Long>> coldTile, long bare) {
        StringBuilder lines = new StringBuilder();
        long worst = 0;
        for (Map.Entry<String, List<Long>> tile : coldTile.entrySet()) {
            long p95 = p95(tile.getValue());
            worst = Math.max(worst, p95);
            lines.append("\naccount-health tile ")
                    .append(tile.getKey())
                    .append(" cold p95 ms: ")
                    .append(ms(p95))
                    .append(String.format(" (%.1f× the bare scan; goal 100)", (double) p95 / bare));
        }
        return lines.append("\naccount-health worst cold tile p95 ms: ")
                .append(ms(worst))
                .append(" (goal 100)")
                .toString();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static long p95(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
    }
}
