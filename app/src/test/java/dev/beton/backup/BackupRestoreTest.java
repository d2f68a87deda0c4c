package dev.beton.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.beton.events.BetonProcess;
import dev.beton.events.TestDataDirs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, operations: {@code ./beton backup} while Beton runs and events stream in, then {@code
 * ./beton restore} into an empty data directory: every event acknowledged before the backup and
 * every setting is there, and Beton starts on it.
 */
class BackupRestoreTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aBackupTakenDuringCaptureRestoresEveryAcknowledgedEventAndEverySetting() throws Exception {
        Path root = TestDataDirs.fresh("backup-restore").toAbsolutePath();
        Path dataDir = root.resolve("data");
        Path backupDir = root.resolve("backup");
        Path restoredDir = root.resolve("restored");
        int port = BetonProcess.freePort();
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        Set<UUID> acknowledgedBeforeBackup;
        Process beton = BetonProcess.serve(dataDir, port, root.resolve("first.log"));
        try {
            assertThat(post(port, "/api/v1/workspaces", "{\"name\":\"Backed up Co\"}", true))
                    .isEqualTo(201);
            assertThat(post(port, "/api/v1/group-types", "{\"name\":\"team\"}", true))
                    .isEqualTo(201);
            String token = BetonProcess.projectToken(port);
            AtomicBoolean sending = new AtomicBoolean(true);
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                senders.add(Thread.ofPlatform()
                        .start(() -> BetonProcess.sendBatches(
                                port, token, "backup_test", 100, ",\"team\":\"t1\"", acknowledged, sending::get)));
            }
            // Back up once 2,000 events are acknowledged, or after 30 s with however many there are.
            try {
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> acknowledged.size() >= 2_000);
            } catch (ConditionTimeoutException slowMachine) {
                // back up now
            }
            acknowledgedBeforeBackup = Set.copyOf(acknowledged);

            BetonProcess.Finished backup =
                    BetonProcess.run(List.of("backup", "--to", backupDir.toString(), "--data-dir", dataDir.toString()));

            assertThat(backup.exitCode()).as(backup.output()).isZero();
            assertThat(backup.output()).contains("Beton is running").contains("Backed up");
            sending.set(false);
            for (Thread sender : senders) {
                sender.join();
            }
        } finally {
            beton.destroy();
            beton.waitFor();
        }
        assertThat(acknowledgedBeforeBackup).hasSizeGreaterThan(0);

        BetonProcess.Finished restore = BetonProcess.run(
                List.of("restore", "--from", backupDir.toString(), "--data-dir", restoredDir.toString()));
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        BetonProcess.Finished again = BetonProcess.run(
                List.of("restore", "--from", backupDir.toString(), "--data-dir", restoredDir.toString()));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("is not empty");

        Process restored = BetonProcess.serve(restoredDir, port, root.resolve("restored.log"));
        try {
            assertThat(BetonProcess.get(port, "/api/v1/workspaces").body()).contains("Backed up Co");
            assertThat(BetonProcess.get(port, "/api/v1/group-types").body()).contains("\"name\":\"team\"");
        } finally {
            restored.destroy();
            restored.waitFor();
        }
        try (Connection duck =
                DriverManager.getConnection("jdbc:duckdb:" + restoredDir.resolve("warehouse/workspace-1.duckdb"))) {
            duck.createStatement().execute("CREATE TEMP TABLE acked (uuid UUID)");
            try (DuckDBAppender appender = ((DuckDBConnection) duck).createAppender("temp", "main", "acked")) {
                for (UUID uuid : acknowledgedBeforeBackup) {
                    appender.beginRow().append(uuid).endRow();
                }
            }
            assertThat(scalar(
                            duck,
                            "SELECT count(*) FROM acked a WHERE NOT EXISTS"
                                    + " (SELECT 1 FROM events e WHERE e.uuid = a.uuid)"))
                    .isZero();
            assertThat(scalar(duck, "SELECT count(*) - count(DISTINCT uuid) FROM events"))
                    .isZero();
        }
    }

    private int post(int port, String path, String json, boolean admin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (admin) {
            String basic = Base64.getEncoder()
                    .encodeToString(
                            (BetonProcess.ADMIN + ":" + BetonProcess.PASSWORD).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static long scalar(Connection connection, String sql) throws Exception {
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
