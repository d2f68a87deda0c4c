package dev.beton.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded DuckDB warehouse ({@code beton.warehouse.*}).
 *
 * @param memoryLimit the memory budget of all workspace stores together ({@code
 *     BETON_WAREHOUSE_MEMORY_LIMIT}, e.g. {@code 2GB} = 2 GiB): each open store gets an equal share
 *     as its DuckDB {@code memory_limit}, re-divided whenever a store opens. DuckDB's own default
 *     is 80 % of RAM per database, so N workspaces could claim N times the machine.
 * @param threads DuckDB worker threads per workspace database
 */
@ConfigurationProperties("beton.warehouse")
public record WarehouseProperties(
        @DefaultValue("2GB") String memoryLimit,
        @DefaultValue("2") int threads) {

    /** The budget in bytes; a bare number means megabytes, as in DuckDB. */
    long memoryBudgetBytes() {
        String text = memoryLimit.strip().replace(" ", "");
        if (text.chars().allMatch(Character::isDigit)) {
            return DataSize.ofMegabytes(Long.parseLong(text)).toBytes();
        }
        return DataSize.parse(text.toUpperCase(java.util.Locale.ROOT).replace("IB", "B"))
                .toBytes();
    }
}
