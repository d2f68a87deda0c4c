package dev.beton.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The directory that holds Beton's embedded stores. One Beton process owns it at a time: the
 * embedded H2 and DuckDB files must not be opened by two processes, and a second {@code ./beton
 * demo} should say so in a sentence rather than fail deep inside a database driver.
 */
public final class DataDirectory {

    static final String LOCK_FILE = "beton.lock";
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    // Locks live as long as the JVM: the OS releases them when the process dies, even on kill -9.
    private static final Map<Path, FileLock> HELD = new ConcurrentHashMap<>();

    private DataDirectory() {}

    /** Creates the directory if needed, checks that it is writable and takes its lock. */
    public static Path claim(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (HELD.containsKey(absolute)) {
            return absolute;
        }
        ensureWritable(absolute);
        lock(absolute);
        restrictToOwner(absolute);
        return absolute;
    }

    /**
     * Makes the directory and everything in it readable by its owner only (0700 / 0600), like the
     * key file: the stores hold events, password hashes and sealed secrets. Runs at start-up, and
     * again once the stores are open ({@link DataFilePermissions}); {@code ./beton} also sets
     * {@code umask 077} so files created later start private. A no-op where POSIX permissions do
     * not exist.
     */
    public static void restrictToOwner(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.forEach(path -> {
                try {
                    Files.setPosixFilePermissions(path, Files.isDirectory(path) ? OWNER_DIRECTORY : OWNER_FILE);
                } catch (IOException | UnsupportedOperationException e) {
                    // a file that vanished meanwhile (a DuckDB WAL) or a file we do not own: leave it
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: the directory itself was made private first by the walk's first entry
        }
    }

    private static void ensureWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupProblem(
                    "The data directory " + dir + " is not writable (BETON_DATA_DIR / --data-dir): " + reason(e) + ".",
                    "Choose a directory Beton can write to with --data-dir or BETON_DATA_DIR, or fix its permissions.",
                    e);
        }
    }

    private static void lock(Path dir) {
        try {
            FileChannel channel =
                    FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw inUse(dir);
            }
            HELD.put(dir, lock);
        } catch (OverlappingFileLockException e) {
            throw inUse(dir);
        } catch (IOException e) {
            throw new StartupProblem(
                    "The data directory " + dir + " cannot be locked: " + reason(e) + ".",
                    "Check the directory's permissions and file system.",
                    e);
        }
    }

    /** Gives the directory up; for tests and for CLI commands that finish before the JVM does. */
    public static void release(Path dir) {
        FileLock lock = HELD.remove(dir.toAbsolutePath().normalize());
        if (lock != null) {
            try {
                lock.channel().close();
            } catch (IOException ignored) {
                // closing releases the lock; a failure here leaves it to process exit
            }
        }
    }

    private static StartupProblem inUse(Path dir) {
        return new StartupProblem(
                "The data directory " + dir + " is in use by another Beton process.",
                "Stop the other Beton (Ctrl-C in its terminal), or start this one with another --data-dir.");
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
