package dev.beton.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded DuckDB warehouse ({@code beton.warehouse.*}).
 *
 * @param memoryLimit DuckDB {@code memory_limit} per workspace database; DuckDB's own default is
 *     80 % of RAM per database, too much when one process holds many workspaces
 * @param threads DuckDB worker threads per workspace database
 */
@ConfigurationProperties("beton.warehouse")
public record WarehouseProperties(
        @DefaultValue("2GB") String memoryLimit,
        @DefaultValue("2") int threads) {}
