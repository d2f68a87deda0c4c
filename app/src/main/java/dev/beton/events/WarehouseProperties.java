package dev.beton.events;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded DuckDB warehouse ({@code beton.warehouse.*}).
 *
 * @param memoryLimit the memory budget of all workspace stores together ({@code
 *     BETON_WAREHOUSE_MEMORY_LIMIT}, e.g. {@code 2GB} = 2 GiB): each open store gets an equal share
 *     as its DuckDB {@code memory_limit}, re-divided whenever a store opens. DuckDB's own default
 *     is 80 % of RAM per database, so N workspaces could claim N times the machine. {@code auto}
 *     (the default) is 40 % of the machine's or container's memory, at most 2 GB: with the
 *     launcher's heap of at most 25 % and ~200 MB of JVM overhead, Beton fits a 1 GB container.
 * @param threads DuckDB worker threads per workspace database
 */
@ConfigurationProperties("beton.warehouse")
public record WarehouseProperties(
        @DefaultValue("auto") String memoryLimit,
        @DefaultValue("2") int threads) {

    static final long AUTO_CEILING = DataSize.ofGigabytes(2).toBytes();

    /** The budget in bytes; a bare number means megabytes, as in DuckDB. */
    long memoryBudgetBytes() {
        return memoryBudgetBytes(physicalMemoryBytes());
    }

    long memoryBudgetBytes(long physicalMemory) {
        String text = memoryLimit.strip().replace(" ", "");
        if (text.equalsIgnoreCase("auto")) {
            return Math.min(AUTO_CEILING, physicalMemory * 2 / 5);
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return DataSize.ofMegabytes(Long.parseLong(text)).toBytes();
        }
        return DataSize.parse(text.toUpperCase(Locale.ROOT).replace("IB", "B")).toBytes();
    }

    /** The machine's memory, or the container's limit when there is one (the JVM reads cgroups). */
    private static long physicalMemoryBytes() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getTotalMemorySize();
        }
        return AUTO_CEILING;
    }
}
