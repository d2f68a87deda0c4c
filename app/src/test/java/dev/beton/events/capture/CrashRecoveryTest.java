package dev.beton.events.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.beton.events.BetonProcess;
import dev.beton.events.TestDataDirs;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

/**
 * Beton as a separate process, killed with SIGKILL while batches stream in: after a restart
 * every acknowledged event is stored exactly once and the store opens cleanly.
 */
class CrashRecoveryTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedEventSurvivesAKillExactlyOnce() throws Exception {
        Path dataDir = TestDataDirs.fresh("crash").toAbsolutePath();
        int port = BetonProcess.freePort();
        Process beton = BetonProcess.serve(dataDir, port, dataDir.resolveSibling("crash-first.log"));
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        try {
            String token = BetonProcess.projectToken(port);
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                senders.add(Thread.ofPlatform()
                        .start(() -> BetonProcess.sendBatches(
                                port, token, "crash_test", 200, "", acknowledged, () -> true)));
            }
            // Kill once 3,000 events are acknowledged, or after 20 s with however many a slow
            // machine managed: the test is about what was acknowledged, not how much.
            try {
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> acknowledged.size() >= 3_000);
            } catch (ConditionTimeoutException slowMachine) {
                // kill now
            }
            beton.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no checkpoint
            for (Thread sender : senders) {
                sender.join();
            }
        } finally {
            beton.destroyForcibly().waitFor();
        }
        assertThat(acknowledged).hasSizeGreaterThan(0);

        Process restarted = BetonProcess.serve(dataDir, port, dataDir.resolveSibling("crash-second.log"));
        try {
            HttpResponse<String> stats = BetonProcess.get(port, "/api/v1/events/stats");
            assertThat(stats.statusCode()).isEqualTo(200);
        } finally {
            restarted.destroy(); // a normal stop, so the test can open the file
            restarted.waitFor();
        }
        try (Connection duck =
                DriverManager.getConnection("jdbc:duckdb:" + dataDir.resolve("warehouse/workspace-1.duckdb"))) {
            assertThat(scalar(duck, "SELECT count(*) - count(DISTINCT uuid) FROM events"))
                    .isZero();
            duck.createStatement().execute("CREATE TEMP TABLE acked (uuid UUID)");
            try (DuckDBAppender appender = ((DuckDBConnection) duck).createAppender("temp", "main", "acked")) {
                for (UUID uuid : acknowledged) {
                    appender.beginRow().append(uuid).endRow();
                }
            }
            assertThat(scalar(
                            duck,
                            "SELECT count(*) FROM acked a WHERE NOT EXISTS"
                                    + " (SELECT 1 FROM events e WHERE e.uuid = a.uuid)"))
                    .isZero();
        }
    }

    private static long scalar(Connection connection, String sql) throws Exception {
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
