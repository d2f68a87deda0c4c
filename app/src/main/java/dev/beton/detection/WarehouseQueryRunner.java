package dev.beton.detection;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

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
                Object value = result.getObject(i);
                // The warehouse stores UTC wall time; the domain takes java.time values only.
                row.add(value instanceof Timestamp t ? t.toLocalDateTime() : value);
            }
            rows.add(row);
        }
        return new ResultRows(columns, rows);
    }
}
