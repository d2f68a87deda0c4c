package dev.beton.events.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parquet files (e.g. PostHog batch exports), read by an in-memory DuckDB that streams rows as
 * JSON objects; a {@code properties} column may be a JSON string or a struct.
 */
final class ParquetSource implements EventSource {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final JsonMapper json;
    private final long size;
    private final long total;
    private long row;

    ParquetSource(Path file, JsonMapper json) throws IOException {
        this.json = json;
        this.size = Files.size(file);
        try {
            Properties props = new Properties();
            props.setProperty("jdbc_stream_results", "true");
            props.setProperty("threads", "1");
            this.connection = DriverManager.getConnection("jdbc:duckdb:", props);
            try (var count = connection.prepareStatement("SELECT count(*) FROM read_parquet(?)")) {
                count.setString(1, file.toString());
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    this.total = Math.max(1, result.getLong(1));
                }
            }
            this.statement = connection.prepareStatement("SELECT to_json(t)::VARCHAR FROM read_parquet(?) t");
            statement.setString(1, file.toString());
            this.rows = statement.executeQuery();
        } catch (SQLException e) {
            throw new IOException("The Parquet file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SourceLine> next() throws IOException {
        try {
            if (!rows.next()) {
                return Optional.empty();
            }
            row++;
            try {
                return Optional.of(SourceLine.of(row, json.readTree(rows.getString(1))));
            } catch (JacksonException e) {
                return Optional.of(SourceLine.unreadable(row, "the row cannot be turned into an event"));
            }
        } catch (SQLException e) {
            throw new IOException("Reading the Parquet file failed at row " + row + ": " + e.getMessage(), e);
        }
    }

    /** Row-based estimate, scaled to the file size: Parquet is not read sequentially by bytes. */
    @Override
    public long position() {
        return size * row / total;
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
            statement.close();
            connection.close();
        } catch (SQLException e) {
            throw new IOException("Closing the Parquet reader failed: " + e.getMessage(), e);
        }
    }
}
