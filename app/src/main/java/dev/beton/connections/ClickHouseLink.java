package dev.beton.connections;

import dev.beton.clickhouse.ClickHouseSettings;
import dev.beton.query.ClickHouseSchema;

/** A workspace's tested ClickHouse connection: where the server is and how its tables are mapped. */
public record ClickHouseLink(ClickHouseSettings settings, ClickHouseSchema schema) {}
