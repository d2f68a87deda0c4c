package dev.beton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The capture benchmark's bare baseline (bench/capture.sh, issue 16 §1): the events {@link
 * CaptureLoad} sends, appended by a DuckDB Appender into a fresh file with the warehouse's {@code
 * events} table — no HTTP, no JSON parsing, no persons — one commit per BATCH rows, as the writer
 * commits. Run with and without the unique uuid index, which "this design" keeps for exact dedup.
 *
 * <pre>java -cp … dev.beton.bench.BareAppend DIR EVENTS BATCH</pre>
 */
public final class BareAppend {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        for (boolean index : new boolean[] {true, false}) {
            Path file = dir.resolve("bare-" + (index ? "indexed" : "plain") + ".duckdb");
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
            double rate = append(file, events, batch, index);
            System.out.printf(
                    "bare appender%s: %,d events in batches of %,d = %,.0f events/s%n",
                    index ? " (unique uuid index, as the warehouse)" : " (no index)", events, batch, rate);
        }
    }

    private static double append(Path file, int events, int batch, boolean index) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads = 2");
                statement.execute(new String(
                        BareAppend.class
                                .getResourceAsStream("/warehouse/V1__events.sql")
                                .readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8));
                if (index) {
                    statement.execute("CREATE UNIQUE INDEX events_uuid ON events (uuid)");
                }
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            LocalDateTime at = LocalDateTime.parse("2026-01-01T00:00:00");
            long started = System.nanoTime();
            for (int done = 0; done < events; done += batch) {
                connection.setAutoCommit(false);
                try (DuckDBAppender appender =
                        connection.unwrap(DuckDBConnection.class).createAppender("events")) {
                    for (int i = 0; i < batch && done + i < events; i++) {
                        int user = random.nextInt(2_000);
                        appender.beginRow()
                                .append(UUID.randomUUID())
                                .append("feature_used")
                                .append("user-" + user)
                                .append(UUID.randomUUID())
                                .append(at)
                                .append("{\"feature\":\"reports\",\"$current_url\":\"https://app.example.com/reports\","
                                        + "\"$lib\":\"bench\",\"$groups\":{\"company\":\"company-" + (user % 200)
                                        + "\"}}")
                                .append("company-" + (user % 200));
                        for (int slot = 1; slot < 5; slot++) {
                            appender.appendNull();
                        }
                        appender.append(at).endRow();
                    }
                }
                connection.commit();
            }
            return events / ((System.nanoTime() - started) / 1e9);
        }
    }

    private BareAppend() {}
}
