package dev.beton.events;

import dev.beton.boot.BetonProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} contributor "warehouse": DuckDB loads and answers, and the warehouse
 * directory is writable.
 */
@Component("warehouse")
class WarehouseHealth implements HealthIndicator {

    private final Path dataDir;
    private final EmbeddedWarehouse warehouse;

    WarehouseHealth(BetonProperties properties, EmbeddedWarehouse warehouse) {
        this.dataDir = properties.dataDir();
        this.warehouse = warehouse;
    }

    @Override
    public Health health() {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT version()")) {
            rows.next();
            boolean writable = Files.isWritable(dataDir);
            Health.Builder health =
                    writable ? Health.up() : Health.down().withDetail("reason", "data dir not writable");
            return health.withDetail("engine", "duckdb " + rows.getString(1))
                    .withDetail("openWorkspaces", warehouse.openDatabases())
                    .build();
        } catch (SQLException e) {
            return Health.down().withDetail("reason", e.getMessage()).build();
        }
    }
}
