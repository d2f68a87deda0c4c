package dev.beton.query;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An in-memory DuckDB with the warehouse schema, for execution tests of rendered queries. */
public final class TestWarehouse implements AutoCloseable {

    private final Connection connection;

    private TestWarehouse(Connection connection) {
        this.connection = connection;
    }

    public static TestWarehouse open() throws SQLException, IOException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (InputStream schema = TestWarehouse.class.getResourceAsStream("/warehouse/V1__events.sql");
                Statement statement = connection.createStatement()) {
            statement.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        }
        return new TestWarehouse(connection);
    }

    /** Inserts one event; {@code properties} is JSON text, {@code groupKeys[i]} goes to {@code $group_i}. */
    public void event(String event, String distinctId, Instant at, String properties, String... groupKeys)
            throws SQLException {
        UUID person = UUID.nameUUIDFromBytes(distinctId.getBytes(StandardCharsets.UTF_8));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO events (uuid, event, distinct_id, person_id, timestamp, properties,"
                        + " \"$group_0\", \"$group_1\", \"$group_2\", \"$group_3\", \"$group_4\")"
                        + " VALUES (?, ?, ?, ?, ?, ?::JSON, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, event);
            insert.setString(3, distinctId);
            insert.setObject(4, person);
            insert.setObject(5, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.setString(6, properties);
            for (int i = 0; i < 5; i++) {
                insert.setString(7 + i, i < groupKeys.length ? groupKeys[i] : null);
            }
            insert.executeUpdate();
        }
    }

    public void group(int index, String key, String properties) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO groups (group_type_index, group_key, properties, created_at)"
                        + " VALUES (?, ?, ?::JSON, TIMESTAMP '2026-01-01 00:00:00')")) {
            insert.setInt(1, index);
            insert.setString(2, key);
            insert.setString(3, properties);
            insert.executeUpdate();
        }
    }

    public void person(String distinctId, String properties) throws SQLException {
        UUID person = UUID.nameUUIDFromBytes(distinctId.getBytes(StandardCharsets.UTF_8));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO persons (id, properties, created_at) VALUES (?, ?::JSON, TIMESTAMP '2026-01-01 00:00:00')")) {
            insert.setObject(1, person);
            insert.setString(2, properties);
            insert.executeUpdate();
        }
    }

    /** Runs a DuckDB rendering with its parameters bound positionally. */
    public ResultRows run(RenderedQuery query) throws SQLException {
        if (query.dialect() != Dialect.DUCKDB) {
            throw new IllegalArgumentException("Only DuckDB renderings run here");
        }
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            List<Object> values = query.positionalValues();
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i));
                }
                List<List<Object>> rows = new ArrayList<>();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        Object value = result.getObject(i);
                        row.add(value instanceof java.sql.Timestamp t ? t.toLocalDateTime() : value);
                    }
                    rows.add(row);
                }
                return new ResultRows(columns, rows);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
