package dev.beton.events;

import dev.beton.boot.BetonProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The embedded event warehouse: one DuckDB file per workspace under {@code <data-dir>/warehouse/}.
 * Opened lazily, kept open, closed on shutdown. Writes for one workspace are serialized on its
 * own writer thread ({@link #write}, {@link #submitWrite}); reads run concurrently ({@link #read}).
 *
 * <p>Memory: each store is its own DuckDB instance with its own {@code memory_limit}. They share
 * one instance-wide budget ({@code beton.warehouse.memory-limit}): whenever a store opens, the
 * budget is divided equally among the open stores, so together they never claim more than it
 * (a store's share never drops below {@value #MIN_SHARE_MB} MB; past that many stores a warning
 * says to raise the budget).
 */
@Component
public class EmbeddedWarehouse {

    static final long MIN_SHARE_MB = 64;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedWarehouse.class);

    private final Path directory;
    private final WarehouseProperties settings;
    private final Map<Long, WorkspaceDatabase> open = new ConcurrentHashMap<>();
    private long share;

    EmbeddedWarehouse(BetonProperties properties, WarehouseProperties settings) {
        this.directory = properties.dataDir().resolve("warehouse");
        this.settings = settings;
    }

    public <T> T read(long workspaceId, SqlWork<T> work) {
        return database(workspaceId).read(work);
    }

    /** Runs on the workspace's writer thread and returns once the work (and its commit) is done. */
    public <T> T write(long workspaceId, SqlWork<T> work) {
        return database(workspaceId).write(work);
    }

    public <T> CompletableFuture<T> submitWrite(long workspaceId, SqlWork<T> work) {
        return database(workspaceId).submitWrite(work);
    }

    /** The DuckDB file of a workspace (it may not exist until first used). */
    public Path fileOf(long workspaceId) {
        return directory.resolve("workspace-" + workspaceId + ".duckdb");
    }

    /** The workspaces that have an event store file. */
    public List<Long> storedWorkspaces() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("workspace-[0-9]+\\.duckdb"))
                    .map(name ->
                            Long.parseLong(name.substring("workspace-".length(), name.length() - ".duckdb".length())))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new WarehouseException(
                    "The event stores in " + directory + " cannot be listed: " + e.getMessage(), e);
        }
    }

    /**
     * Copies a workspace's event store into a new DuckDB file, consistently, while capture goes
     * on: {@code COPY FROM DATABASE} reads one snapshot, so the copy holds exactly the commits
     * (and so the acknowledged requests) made before it started, and never half of one.
     */
    public void copyTo(long workspaceId, Path target) {
        String alias = "beton_backup_" + workspaceId;
        read(workspaceId, connection -> {
            try (Statement statement = connection.createStatement()) {
                String source;
                try (var rows = statement.executeQuery("SELECT current_database()")) {
                    rows.next();
                    source = rows.getString(1);
                }
                statement.execute(
                        "ATTACH '" + target.toAbsolutePath().toString().replace("'", "''") + "' AS " + alias);
                try {
                    statement.execute("COPY FROM DATABASE \"" + source.replace("\"", "\"\"") + "\" TO " + alias);
                } finally {
                    statement.execute("DETACH " + alias);
                }
            }
            return null;
        });
    }

    int openDatabases() {
        return open.size();
    }

    /** Each open store's DuckDB {@code memory_limit}, in bytes: the budget divided by the open stores. */
    public synchronized long memoryShareBytes() {
        return share;
    }

    public long memoryBudgetBytes() {
        return settings.memoryBudgetBytes();
    }

    private WorkspaceDatabase database(long workspaceId) {
        WorkspaceDatabase database = open.get(workspaceId);
        if (database != null) {
            return database;
        }
        synchronized (this) {
            return open.computeIfAbsent(workspaceId, id -> {
                long newShare = shareFor(open.size() + 1);
                // The others shrink first, so that at no moment the stores hold more than the budget.
                open.values().forEach(other -> other.limitMemory(newShare));
                share = newShare;
                return openDatabase(id, newShare);
            });
        }
    }

    private long shareFor(int stores) {
        long budget = settings.memoryBudgetBytes();
        long minimum = MIN_SHARE_MB * 1024 * 1024;
        long equal = budget / stores;
        if (equal < minimum) {
            log.warn(
                    "{} workspace event stores share a memory budget of {} MB: each gets {} MB, the minimum."
                            + " Raise BETON_WAREHOUSE_MEMORY_LIMIT.",
                    stores,
                    budget / 1024 / 1024,
                    MIN_SHARE_MB);
            return minimum;
        }
        return equal;
    }

    private WorkspaceDatabase openDatabase(long workspaceId, long memoryLimitBytes) {
        try {
            Files.createDirectories(directory);
            return new WorkspaceDatabase(workspaceId, fileOf(workspaceId), memoryLimitBytes, settings.threads());
        } catch (IOException | SQLException e) {
            throw new WarehouseException(
                    "The event store of workspace " + workspaceId + " at " + fileOf(workspaceId) + " cannot be opened: "
                            + e.getMessage(),
                    e);
        }
    }

    @PreDestroy
    void closeAll() {
        open.values().forEach(WorkspaceDatabase::close);
        open.clear();
    }
}
