package dev.beton.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.boot.BetonProperties;
import dev.beton.testsupport.TestStores;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, resource safety: each workspace store used to open with its own 2 GB limit, so N
 * workspaces could take N × 2 GB. The configured limit is one budget for all open stores, and
 * what DuckDB itself reports adds up to it.
 */
class WarehouseMemoryBudgetTest {

    static final long MIB = 1024 * 1024;

    EmbeddedWarehouse warehouse;

    @AfterEach
    void close() {
        if (warehouse != null) {
            warehouse.closeAll();
        }
    }

    @Test
    void theConfiguredLimitIsOneBudgetDividedAmongTheOpenStoresAsDuckDbReports() {
        warehouse = open("600MB");

        warehouse.read(1, connection -> null);
        assertThat(reportedLimit(1)).isEqualTo(600 * MIB);

        warehouse.read(2, connection -> null);
        warehouse.read(3, connection -> null);
        assertThat(reportedLimit(1)).isEqualTo(200 * MIB);
        assertThat(reportedLimit(2)).isEqualTo(200 * MIB);
        assertThat(reportedLimit(3)).isEqualTo(200 * MIB);
        assertThat(reportedLimit(1) + reportedLimit(2) + reportedLimit(3)).isLessThanOrEqualTo(600 * MIB);
        assertThat(warehouse.memoryShareBytes()).isEqualTo(200 * MIB);
    }

    @Test
    void aShareNeverDropsBelowTheMinimum() {
        warehouse = open("128MB");
        for (long workspace = 1; workspace <= 3; workspace++) {
            warehouse.read(workspace, connection -> null);
        }
        assertThat(reportedLimit(3)).isEqualTo(EmbeddedWarehouse.MIN_SHARE_MB * MIB);
    }

    @Test
    void readsTheBudgetInDuckDbsUnits() {
        assertThat(new WarehouseProperties("2GB", 1).memoryBudgetBytes()).isEqualTo(2048 * MIB);
        assertThat(new WarehouseProperties("3GiB", 1).memoryBudgetBytes()).isEqualTo(3072 * MIB);
        assertThat(new WarehouseProperties("512", 1).memoryBudgetBytes()).isEqualTo(512 * MIB);
    }

    @Test
    void autoBudgetIsFortyPercentOfTheMemoryAtMostTwoGigabytes() {
        WarehouseProperties auto = new WarehouseProperties("auto", 1);
        assertThat(auto.memoryBudgetBytes(1024 * MIB)).isEqualTo(1024 * MIB * 2 / 5);
        assertThat(auto.memoryBudgetBytes(24L * 1024 * MIB)).isEqualTo(2048 * MIB);
        assertThat(auto.memoryBudgetBytes()).isPositive().isLessThanOrEqualTo(2048 * MIB);
    }

    private EmbeddedWarehouse open(String budget) {
        return new EmbeddedWarehouse(
                new BetonProperties(TestStores.freshDataDir(), false, new BetonProperties.Admin(null, null)),
                new WarehouseProperties(budget, 1));
    }

    /** DuckDB's own answer, e.g. {@code 200.0 MiB}, in bytes. */
    private long reportedLimit(long workspace) {
        String value = warehouse.read(workspace, connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT current_setting('memory_limit')")) {
                rows.next();
                return rows.getString(1);
            }
        });
        Matcher matcher = Pattern.compile("([0-9.]+) (bytes|KiB|MiB|GiB)").matcher(value);
        assertThat(matcher.matches()).as(value).isTrue();
        double number = Double.parseDouble(matcher.group(1));
        long unit =
                switch (matcher.group(2)) {
                    case "KiB" -> 1024;
                    case "MiB" -> MIB;
                    case "GiB" -> 1024 * MIB;
                    default -> 1;
                };
        return Math.round(number * unit);
    }
}
