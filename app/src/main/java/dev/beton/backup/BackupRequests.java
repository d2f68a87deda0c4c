package dev.beton.backup;

import dev.beton.boot.BetonProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How {@code ./beton backup} reaches a running Beton. The event stores can be opened by one
 * process only, so the backup has to run inside the server; the CLI drops a request file into
 * {@code <data-dir>/backup-requests/} and this picks it up within a second, writes the progress to
 * {@code <id>.log} and the outcome to {@code <id>.done} or {@code <id>.failed}. Whoever can write
 * the data directory owns the data anyway, so the file system's permissions are the authorization
 * (no HTTP endpoint can be made to write a backup somewhere).
 */
@Component
class BackupRequests {

    static final String DIRECTORY = "backup-requests"; // BackupCommand.SPOOL
    private static final Logger log = LoggerFactory.getLogger(BackupRequests.class);

    private final Backup backup;
    private final Path spool;
    private final Environment environment;
    private ScheduledExecutorService poller;

    BackupRequests(Backup backup, BetonProperties properties, Environment environment) {
        this.backup = backup;
        this.spool = properties.dataDir().resolve(DIRECTORY);
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if ("-1".equals(environment.getProperty("server.port"))) {
            return; // a CLI verb's offline context: it runs its own backup, if any
        }
        poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("backup-requests").daemon(true).factory());
        poller.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
    }

    void poll() {
        if (!Files.isDirectory(spool)) {
            return;
        }
        List<Path> requests;
        try (var files = Files.list(spool)) {
            requests = files.filter(f -> f.getFileName().toString().endsWith(".request"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            log.warn("Backup requests in {} cannot be listed: {}", spool, e.getMessage());
            return;
        }
        requests.forEach(this::handle);
    }

    private void handle(Path request) {
        String id = request.getFileName().toString().replace(".request", "");
        Path running = spool.resolve(id + ".running");
        Path progress = spool.resolve(id + ".log");
        try {
            Files.move(request, running, StandardCopyOption.ATOMIC_MOVE);
            Path target =
                    Path.of(Files.readString(running, StandardCharsets.UTF_8).strip());
            Backup.Summary summary = backup.run(target, line -> append(progress, line));
            Files.writeString(
                    spool.resolve(id + ".done"),
                    "Backed up " + summary.workspaces().size() + " event store(s) and the own state ("
                            + summary.ownState() + ") into " + target + ".",
                    StandardCharsets.UTF_8);
        } catch (BackupFailed e) {
            write(spool.resolve(id + ".failed"), e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("Backup request {} failed", id, e);
            write(spool.resolve(id + ".failed"), "The backup failed: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(running);
            } catch (IOException e) {
                log.debug("Could not delete {}", running, e);
            }
        }
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(
                    file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.debug("Backup progress cannot be written to {}", file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("The outcome of a backup cannot be written to {}: {}", file, e.getMessage());
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
