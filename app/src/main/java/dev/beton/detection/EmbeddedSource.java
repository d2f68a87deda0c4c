package dev.beton.detection;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.signals.CompanyGroupType;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** The workspace's own DuckDB warehouse. */
record EmbeddedSource(EmbeddedWarehouse warehouse, long workspaceId) implements DetectionSource {

    @Override
    public Dialect dialect() {
        return Dialect.DUCKDB;
    }

    @Override
    public OptionalInt companyIndex() {
        Map<Integer, String> types = warehouse.read(workspaceId, connection -> {
            Map<Integer, String> found = new HashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT group_type_index, group_type FROM group_types")) {
                while (rows.next()) {
                    found.put(rows.getInt(1), rows.getString(2));
                }
            }
            return found;
        });
        return CompanyGroupType.indexIn(types);
    }

    @Override
    public QueryRunner runner() {
        return new WarehouseQueryRunner(warehouse, workspaceId);
    }

    @Override
    public String description() {
        return "the embedded store";
    }
}
