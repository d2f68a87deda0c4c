package dev.beton.cli;

import dev.beton.backup.Backup;
import dev.beton.backup.BackupFailed;
import dev.beton.boot.DataDirectory;
import dev.beton.boot.StartupProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./beton backup --to DIR}: a consistent backup, whether Beton runs or not. Running, the
 * server makes it (the event stores open in one process only): this drops a request into the
 * data directory and follows its progress. Stopped, this makes it itself.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Back up Beton's own state (H2; on PostgreSQL a pg_dump hint), every workspace's event store and the"
                    + " demo key file into a new or empty directory. Works while Beton runs.",
            "Exit status: 0 backed up, 1 the backup failed, 2 it could not start."
        })
final class BackupCommand implements Callable<Integer> {

    static final Duration PICK_UP_TIMEOUT = Duration.ofSeconds(20);
    static final String SPOOL = "backup-requests";

    @Option(names = "--to", required = true, description = "A new or empty directory for the backup.")
    Path to;

    @Option(names = "--data-dir", description = "Data directory of Beton (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        Path dir = Optional.ofNullable(dataDir)
                .orElseGet(() -> Path.of(
                        Optional.ofNullable(System.getenv("BETON_DATA_DIR")).orElse("./data")));
        Path target = to.toAbsolutePath().normalize();
        if (Files.exists(dir.resolve("beton.lock")) && isRunning(dir)) {
            return throughTheRunningServer(dir, target);
        }
        return OfflineContext.run(dir, "Try again: it started while this command ran.", "The backup", context -> {
            try {
                Backup.Summary summary = context.getBean(Backup.class).run(target, System.out::println);
                System.out.println("Backed up " + summary.workspaces().size() + " event store(s) and the own state ("
                        + summary.ownState() + ") into " + target + ".");
                return 0;
            } catch (BackupFailed e) {
                System.err.println(e.getMessage());
                return 1;
            }
        });
    }

    private static boolean isRunning(Path dir) {
        try {
            DataDirectory.claim(dir);
            return false;
        } catch (StartupProblem held) {
            return true;
        }
    }

    private static int throughTheRunningServer(Path dir, Path target) {
        Path spool = dir.resolve(SPOOL);
        String id = System.currentTimeMillis() + "-" + UUID.randomUUID();
        Path request = spool.resolve(id + ".request");
        try {
            Files.createDirectories(spool);
            Path draft = spool.resolve(id + ".draft");
            Files.writeString(draft, target.toString(), StandardCharsets.UTF_8);
            Files.move(draft, request, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("Beton is running; it makes the backup while capture goes on.");
            long deadline = System.nanoTime() + PICK_UP_TIMEOUT.toNanos();
            int shown = 0;
            while (true) {
                shown = showProgress(spool.resolve(id + ".log"), shown);
                Path done = spool.resolve(id + ".done");
                Path failed = spool.resolve(id + ".failed");
                if (Files.exists(done)) {
                    showProgress(spool.resolve(id + ".log"), shown);
                    System.out.println(Files.readString(done, StandardCharsets.UTF_8));
                    cleanUp(spool, id);
                    return 0;
                }
                if (Files.exists(failed)) {
                    System.err.println(Files.readString(failed, StandardCharsets.UTF_8));
                    cleanUp(spool, id);
                    return 1;
                }
                if (Files.exists(request) && System.nanoTime() > deadline) {
                    Files.deleteIfExists(request);
                    System.err.println("The Beton that holds " + dir.toAbsolutePath() + " did not take the backup"
                            + " request within " + PICK_UP_TIMEOUT.toSeconds() + " s (an older version?)."
                            + " Stop it and run this command again.");
                    return 2;
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            System.err.println("The backup request could not be handed to the running Beton: " + e.getMessage() + ".");
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static int showProgress(Path log, int shown) throws IOException {
        if (!Files.exists(log)) {
            return shown;
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = shown; i < lines.size(); i++) {
            System.out.println(lines.get(i));
        }
        return lines.size();
    }

    private static void cleanUp(Path spool, String id) throws IOException {
        for (String suffix : new String[] {".log", ".done", ".failed"}) {
            Files.deleteIfExists(spool.resolve(id + suffix));
        }
    }
}
