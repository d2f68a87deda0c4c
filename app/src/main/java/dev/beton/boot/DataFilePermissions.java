package dev.beton.boot;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the stores are open, their files exist: make them owner-only too. The data directory was
 * claimed (and made private) before H2 and DuckDB created them, and a JVM cannot set a umask.
 */
@Component
class DataFilePermissions {

    private final BetonProperties properties;

    DataFilePermissions(BetonProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void restrict() {
        DataDirectory.restrictToOwner(properties.dataDir().toAbsolutePath().normalize());
    }
}
