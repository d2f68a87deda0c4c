package dev.beton.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where test contexts keep their state, and the admin every test context starts with. */
public final class TestStores {

    public static final String ADMIN_EMAIL = "admin@test.beton";
    public static final String ADMIN_PASSWORD = "correct-horse-battery";
    public static final String POSTGRES_ENV = "BETON_TEST_DATABASE_URL";
    /** A fixed BETON_ENCRYPTION_KEY for tests (base64 of 32 bytes); never use it anywhere else. */
    public static final String ENCRYPTION_KEY = "dGVzdC1vbmx5LWtleS1iZXRvbi0zMi1ieXRlcy0wMDA=";

    private TestStores() {}

    /** A new empty data directory under {@code target/}, so nothing leaks into the home dir. */
    public static Path freshDataDir() {
        try {
            Path root = Path.of("target", "test-data").toAbsolutePath();
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "ctx-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Properties every Beton test context needs: its own data dir, serve mode, a first admin. */
    public static Map<String, Object> baseProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("beton.data-dir", freshDataDir().toString());
        props.put("beton.demo", "false");
        props.put("beton.admin.email", ADMIN_EMAIL);
        props.put("beton.admin.password", ADMIN_PASSWORD);
        props.put("beton.encryption.key", ENCRYPTION_KEY);
        // every test logs in from 127.0.0.1: per-address login throttling would couple the tests
        // (it has its own tests: LoginThrottleTest)
        props.put("beton.login.address-free-failures", "1000000");
        return props;
    }

    public static Optional<String> postgresUrl() {
        return Optional.ofNullable(System.getenv(POSTGRES_ENV)).filter(s -> !s.isBlank());
    }

    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The PostgreSQL URL from {@value #POSTGRES_ENV} pointed at a new schema, so every test
     * context migrates from scratch and contexts never see each other's rows.
     */
    public static String postgresUrlWithFreshSchema(String schema) {
        String base = postgresUrl()
                .orElseThrow(() -> new IllegalStateException(POSTGRES_ENV
                        + " is not set. Under CI=true the PostgreSQL tests must run: .ci/run creates a database and"
                        + " exports it."));
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static String newSchemaName() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
