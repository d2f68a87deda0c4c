package dev.beton.cli;

import dev.beton.backup.BackupFailed;
import dev.beton.backup.Restore;
import dev.beton.boot.DataDirectory;
import dev.beton.boot.StartupProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./beton restore --from DIR}: a backup back into an empty data directory, Beton stopped. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restore a backup made by ./beton backup into an empty data directory. Beton must not run on it.",
            "Exit status: 0 restored, 1 the restore failed, 2 it could not start."
        })
final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, description = "The backup directory.")
    Path from;

    @Option(
            names = "--data-dir",
            description = "An empty data directory to restore into (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        Path dir = Optional.ofNullable(dataDir)
                .orElseGet(() -> Path.of(
                        Optional.ofNullable(System.getenv("BETON_DATA_DIR")).orElse("./data")));
        try {
            DataDirectory.claim(dir);
        } catch (StartupProblem running) {
            System.err.println("Beton is running on " + dir.toAbsolutePath() + "; restore into an empty data"
                    + " directory that no Beton uses.");
            return 2;
        }
        try {
            List<String> restored = Restore.run(from, dir, System.out::println);
            System.out.println("Restored " + restored.size() + " file(s) into " + dir.toAbsolutePath()
                    + ". Start Beton on it with --data-dir " + dir + " (and the same BETON_ENCRYPTION_KEY).");
            return 0;
        } catch (BackupFailed e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
