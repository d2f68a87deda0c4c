package dev.beton.backup;

import dev.beton.boot.BetonProperties;
import dev.beton.events.EmbeddedWarehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/**
 * A consistent backup of a running (or stopped) Beton into an empty directory: every workspace's
 * event store ({@code warehouse/workspace-N.duckdb}, each copied from one snapshot), Beton's own
 * state ({@code beton.zip}, H2's online {@code BACKUP}; on PostgreSQL a {@code POSTGRESQL.txt}
 * with the {@code pg_dump} command instead), the demo key file when there is one, and a manifest.
 *
 * <p>Event stores are copied first, then the own state: an event acknowledged before the backup
 * started is in it, and so is every setting made before the own state was copied.
 */
@Service
public class Backup {

    static final String MANIFEST = "beton-backup.txt";
    static final String STATE_ZIP = "beton.zip";
    static final String POSTGRES_HINT = "POSTGRESQL.txt";
    static final String KEY_FILE = "encryption.key";

    private final EmbeddedWarehouse warehouse;
    private final DataSource dataSource;
    private final Path dataDir;
    private final Clock clock;

    Backup(EmbeddedWarehouse warehouse, DataSource dataSource, BetonProperties properties, Clock clock) {
        this.warehouse = warehouse;
        this.dataSource = dataSource;
        this.dataDir = properties.dataDir();
        this.clock = clock;
    }

    /** What a backup holds. */
    public record Summary(List<Long> workspaces, String ownState) {}

    /**
     * @param target an empty or new directory
     * @param progress one line per step
     * @throws BackupFailed with a sentence when the target is not empty or a copy fails
     */
    public Summary run(Path target, Consumer<String> progress) {
        prepare(target);
        List<Long> workspaces = warehouse.storedWorkspaces();
        try {
            Files.createDirectories(target.resolve("warehouse"));
            for (long workspace : workspaces) {
                progress.accept("Event store of workspace " + workspace + " …");
                warehouse.copyTo(workspace, target.resolve("warehouse").resolve("workspace-" + workspace + ".duckdb"));
            }
            String ownState = ownState(target, progress);
            Path key = dataDir.resolve(KEY_FILE);
            if (Files.exists(key)) {
                progress.accept("Demo encryption key file …");
                Files.copy(key, target.resolve(KEY_FILE), StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.writeString(
                    target.resolve(MANIFEST),
                    "Beton backup\ncreated: " + clock.instant() + "\nown state: " + ownState + "\nworkspaces: "
                            + workspaces + "\nRestore into an empty data directory with:"
                            + " ./beton restore --from " + target.toAbsolutePath() + " --data-dir DIR\n",
                    StandardCharsets.UTF_8);
            return new Summary(workspaces, ownState);
        } catch (IOException e) {
            throw new BackupFailed("The backup into " + target + " failed: " + e.getMessage() + ".", e);
        }
    }

    private String ownState(Path target, Consumer<String> progress) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            if (url.startsWith("jdbc:h2:")) {
                progress.accept("Beton's own state (H2) …");
                try (Statement statement = connection.createStatement()) {
                    statement.execute("BACKUP TO '"
                            + target.resolve(STATE_ZIP)
                                    .toAbsolutePath()
                                    .toString()
                                    .replace("'", "''") + "'");
                }
                return "h2 (" + STATE_ZIP + ")";
            }
            String hint = "Beton's own state lives in PostgreSQL (" + url.replaceAll("password=[^&]*", "password=***")
                    + "), which this backup does not copy. Back it up with pg_dump at the same time, e.g.\n"
                    + "  pg_dump --format=custom --file=beton.pgdump \"$DATABASE_URL\"\n"
                    + "and restore it with pg_restore --clean --dbname=\"$DATABASE_URL\" beton.pgdump.\n";
            Files.writeString(target.resolve(POSTGRES_HINT), hint, StandardCharsets.UTF_8);
            progress.accept(hint.strip());
            return "postgresql (see " + POSTGRES_HINT + ")";
        } catch (SQLException e) {
            throw new BackupFailed("Beton's own state could not be backed up: " + e.getMessage() + ".", e);
        }
    }

    private static void prepare(Path target) {
        try {
            if (Files.exists(target)) {
                if (!Files.isDirectory(target)) {
                    throw new BackupFailed(target + " is a file; back up into a new or empty directory.", null);
                }
                List<Path> present = new ArrayList<>();
                try (var files = Files.list(target)) {
                    files.limit(1).forEach(present::add);
                }
                if (!present.isEmpty()) {
                    throw new BackupFailed(
                            target + " is not empty; back up into a new or empty directory, so no backup is mixed"
                                    + " with another.",
                            null);
                }
            }
            Files.createDirectories(target);
            // A backup holds personal data (and the demo key): readable by its owner only.
            if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
