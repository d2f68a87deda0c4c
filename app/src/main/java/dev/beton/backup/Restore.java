package dev.beton.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Brings a backup back into an empty data directory, with Beton stopped: the own state (H2), the
 * event stores and the demo key file. Needs no running application, so it also works when the
 * configuration the backup came from is gone.
 */
public final class Restore {

    private Restore() {}

    /** @return the files restored, relative to the data directory */
    public static List<String> run(Path backup, Path dataDir, Consumer<String> progress) {
        if (!Files.isRegularFile(backup.resolve(Backup.MANIFEST))) {
            throw new BackupFailed(backup + " is not a Beton backup (it has no " + Backup.MANIFEST + ").", null);
        }
        try {
            if (Files.exists(dataDir)) {
                try (var files = Files.list(dataDir)) {
                    if (files.anyMatch(file -> !file.getFileName().toString().equals("beton.lock"))) {
                        throw new BackupFailed(
                                "The data directory " + dataDir + " is not empty; restore into an empty one, so"
                                        + " nothing there is overwritten.",
                                null);
                    }
                }
            }
            Files.createDirectories(dataDir.resolve("warehouse"));
            List<String> restored = new java.util.ArrayList<>();
            Path zip = backup.resolve(Backup.STATE_ZIP);
            if (Files.exists(zip)) {
                progress.accept("Beton's own state (H2) …");
                restored.addAll(unzip(zip, dataDir));
            } else if (Files.exists(backup.resolve(Backup.POSTGRES_HINT))) {
                progress.accept("Beton's own state is in PostgreSQL: restore it with pg_restore (see "
                        + backup.resolve(Backup.POSTGRES_HINT) + ").");
            }
            Path stores = backup.resolve("warehouse");
            if (Files.isDirectory(stores)) {
                try (var files = Files.list(stores)) {
                    for (Path store : files.sorted().toList()) {
                        progress.accept("Event store " + store.getFileName() + " …");
                        Files.copy(store, dataDir.resolve("warehouse").resolve(store.getFileName()));
                        restored.add("warehouse/" + store.getFileName());
                    }
                }
            }
            Path key = backup.resolve(Backup.KEY_FILE);
            if (Files.exists(key)) {
                Files.copy(key, dataDir.resolve(Backup.KEY_FILE), StandardCopyOption.COPY_ATTRIBUTES);
                restored.add(Backup.KEY_FILE);
            }
            return restored;
        } catch (IOException e) {
            throw new BackupFailed("Restoring " + backup + " into " + dataDir + " failed: " + e.getMessage() + ".", e);
        }
    }

    private static List<String> unzip(Path zip, Path dataDir) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            Path root = dataDir.toAbsolutePath().normalize();
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path file = root.resolve(entry.getName()).normalize();
                if (!file.startsWith(root) || entry.isDirectory()) {
                    continue; // nothing outside the data directory
                }
                Files.createDirectories(file.getParent());
                Files.copy(entries, file);
                names.add(entry.getName());
            }
        }
        return names;
    }
}
