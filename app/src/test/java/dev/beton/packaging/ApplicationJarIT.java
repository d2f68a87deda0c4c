package dev.beton.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (failsafe): the jar operators run holds no emulator, contract or
 * test-fixture class, and no emulators jar among its libraries.
 */
class ApplicationJarIT {

    private static final Path JAR = Path.of("target/beton.jar");

    @Test
    void theApplicationJarShipsNoEmulator() throws IOException {
        assertThat(JAR).exists();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();
            assertThat(entries).anyMatch(name -> name.endsWith("dev/beton/cli/BetonCli.class"));
            assertThat(entries)
                    .noneMatch(name -> name.contains("dev/beton/emulator/"))
                    .noneMatch(name -> name.contains("dev/beton/contract/"))
                    .noneMatch(name -> name.contains("beton-emulators"));
        }
        assertThat(Files.size(JAR)).isPositive();
    }
}
