package dev.beton.events;

import dev.beton.boot.BetonProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The embedded event warehouse: one DuckDB file per workspace under {@code <data-dir>/warehouse/}.
 * Opened lazily, kept open, closed on shutdown. Writes for one workspace are serialized on its
 * own writer thread ({@link #write}, {@link #submitWrite}); reads run concurrently ({@link #read}).
 */
@Component
public class EmbeddedWarehouse {

    private final Path directory;
    private final WarehouseProperties settings;
    private final Map<Long, WorkspaceDatabase> open = new ConcurrentHashMap<>();

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

    int openDatabases() {
        return open.size();
    }

    private WorkspaceDatabase database(long workspaceId) {
        return open.computeIfAbsent(workspaceId, this::openDatabase);
    }

    private WorkspaceDatabase openDatabase(long workspaceId) {
        try {
            Files.createDirectories(directory);
            return new WorkspaceDatabase(workspaceId, fileOf(workspaceId), settings);
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
