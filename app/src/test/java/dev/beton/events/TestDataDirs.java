package dev.beton.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Fresh data directories under {@code target/test-data}. Beton resolves its data directory in an
 * environment post-processor, before {@code @DynamicPropertySource} values exist, so tests name
 * a fixed directory in {@code @SpringBootTest(properties = …)} and empty it first.
 */
public final class TestDataDirs {

    // Test classes with the same configuration share one Spring context, and so one directory:
    // it is emptied once per JVM, not under a running context.
    private static final Set<String> CLEANED = ConcurrentHashMap.newKeySet();

    private TestDataDirs() {}

    public static Path fresh(String name) {
        Path dir = Path.of("target", "test-data", name);
        try {
            if (CLEANED.add(name) && Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
