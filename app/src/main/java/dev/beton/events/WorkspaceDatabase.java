package dev.beton.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One workspace's DuckDB file. All writes run on a single writer thread with its own connection,
 * so they never contend with each other; readers take their own connections to the same database
 * instance and, thanks to DuckDB's MVCC, neither block the writer nor see half a write.
 */
final class WorkspaceDatabase implements AutoCloseable {

    private final long workspaceId;
    private final DuckDBConnection root;
    private final Connection writerConnection;
    private final ExecutorService writer;

    WorkspaceDatabase(long workspaceId, Path file, long memoryLimitBytes, int threads) throws SQLException {
        this.workspaceId = workspaceId;
        Properties props = new Properties();
        props.setProperty("memory_limit", memoryLimitBytes + "B");
        props.setProperty("threads", String.valueOf(threads));
        this.root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, props);
        this.writerConnection = root.duplicate();
        this.writer = Executors.newSingleThreadExecutor(Thread.ofPlatform()
                .name("warehouse-writer-" + workspaceId)
                .daemon(true)
                .factory());
        migrate();
    }

    /** Changes this store's DuckDB {@code memory_limit} while it runs (its share of the budget). */
    void limitMemory(long bytes) {
        try (Connection connection = root.duplicate();
                Statement statement = connection.createStatement()) {
            statement.execute("SET memory_limit = '" + bytes + "B'");
        } catch (SQLException e) {
            throw new WarehouseException(
                    "The memory limit of workspace " + workspaceId + "'s event store cannot be set: " + e.getMessage(),
                    e);
        }
    }

    <T> T read(SqlWork<T> work) {
        try (Connection connection = root.duplicate()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new WarehouseException("Reading workspace " + workspaceId + "'s events failed: " + e.getMessage(), e);
        }
    }

    <T> CompletableFuture<T> submitWrite(SqlWork<T> work) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return work.run(writerConnection);
                    } catch (SQLException e) {
                        throw new WarehouseException(
                                "Writing workspace " + workspaceId + "'s events failed: " + e.getMessage(), e);
                    }
                },
                writer);
    }

    <T> T write(SqlWork<T> work) {
        try {
            return submitWrite(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while writing workspace " + workspaceId + "'s events", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new WarehouseException("Writing workspace " + workspaceId + "'s events failed", e.getCause());
        }
    }

    private void migrate() throws SQLException {
        try (Statement statement = writerConnection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS warehouse_migrations (version INTEGER PRIMARY KEY,"
                    + " applied_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'))");
        }
        for (Resource script : migrationScripts()) {
            int version = versionOf(script);
            if (isApplied(version)) {
                continue;
            }
            apply(version, read(script));
        }
    }

    private boolean isApplied(int version) throws SQLException {
        try (var statement =
                writerConnection.prepareStatement("SELECT 1 FROM warehouse_migrations WHERE version = ?")) {
            statement.setInt(1, version);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void apply(int version, String sql) throws SQLException {
        writerConnection.setAutoCommit(false);
        try (Statement statement = writerConnection.createStatement()) {
            statement.execute(sql);
            statement.execute("INSERT INTO warehouse_migrations (version) VALUES (" + version + ")");
            writerConnection.commit();
        } catch (SQLException e) {
            writerConnection.rollback();
            throw e;
        } finally {
            writerConnection.setAutoCommit(true);
        }
    }

    private static Resource[] migrationScripts() {
        try {
            Resource[] scripts =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:warehouse/V*__*.sql");
            Arrays.sort(scripts, Comparator.comparingInt(WorkspaceDatabase::versionOf));
            return scripts;
        } catch (IOException e) {
            throw new WarehouseException("The warehouse migrations cannot be listed", e);
        }
    }

    private static int versionOf(Resource script) {
        String name = script.getFilename() == null ? "" : script.getFilename();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static String read(Resource script) {
        try (InputStream in = script.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WarehouseException("The warehouse migration " + script.getFilename() + " cannot be read", e);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            writerConnection.close();
            root.close();
        } catch (SQLException e) {
            throw new WarehouseException("Closing workspace " + workspaceId + "'s warehouse failed", e);
        }
    }
}
