package dev.beton.detection;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs DuckDB renderings on one workspace's embedded warehouse, and only on that one: a runner is
 * bound to its workspace when created, so no query of a run can reach another tenant's data.
 */
public final class WarehouseQueryRunner implements QueryRunner {

    private final EmbeddedWarehouse warehouse;
    private final long workspaceId;

    public WarehouseQueryRunner(EmbeddedWarehouse warehouse, long workspaceId) {
        this.warehouse = warehouse;
        this.workspaceId = workspaceId;
    }

    @Override
    public ResultRows run(RenderedQuery query) {
        if (query.dialect() != Dialect.DUCKDB) {
            throw new IllegalArgumentException("The embedded warehouse runs DuckDB queries, not " + query.dialect());
        }
        return warehouse.read(workspaceId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
                List<Object> values = query.positionalValues();
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    return rows(result);
                }
            }
        });
    }

    @Override
    public void forEachRow(RenderedQuery query, Consumer<List<Object>> each) {
        if (query.dialect() != Dialect.DUCKDB) {
            throw new IllegalArgumentException("The embedded warehouse runs DuckDB queries, not " + query.dialect());
        }
        warehouse.read(workspaceId, connection -> {
            forEachRow(connection, query, each);
            return null;
        });
    }

    /** Runs {@code query} on {@code connection} and hands each row to {@code each} as it is read. */
    public static void forEachRow(Connection connection, RenderedQuery query, Consumer<List<Object>> each)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            List<Object> values = query.positionalValues();
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = value(result.getObject(i + 1));
                    }
                    each.accept(Arrays.asList(row));
                }
            }
        }
    }

    /** The warehouse stores UTC wall time; the domain takes java.time values only. */
    private static Object value(Object value) {
        return value instanceof Timestamp t ? t.toLocalDateTime() : value;
    }

    public static ResultRows rows(ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (result.next()) {
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
                row.add(value(result.getObject(i)));
            }
            rows.add(row);
        }
        return new ResultRows(columns, rows);
    }
}
