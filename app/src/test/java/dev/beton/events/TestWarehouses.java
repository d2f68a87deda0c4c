package dev.beton.events;

import dev.beton.boot.BetonProperties;
import java.nio.file.Path;

/** An {@link EmbeddedWarehouse} on a data directory, for tests outside this package. */
public final class TestWarehouses {

    private TestWarehouses() {}

    public static EmbeddedWarehouse open(Path dataDir) {
        return new EmbeddedWarehouse(
                new BetonProperties(dataDir, false, new BetonProperties.Admin(null, null)),
                new WarehouseProperties("256MB", 1));
    }

    public static void close(EmbeddedWarehouse warehouse) {
        warehouse.closeAll();
    }
}
