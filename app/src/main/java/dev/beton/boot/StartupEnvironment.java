package dev.beton.boot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides where Beton's own state lives before any bean is created: PostgreSQL when {@code
 * DATABASE_URL} is set, else an H2 file in the data directory. Runs the checks whose failure an
 * operator should read as one sentence (malformed or unreachable database, unusable data dir).
 */
class StartupEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "betonStartup";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        Path dataDir = DataDirectory.claim(Path.of(env.getProperty("beton.data-dir", "./data")));
        Map<String, Object> derived = new HashMap<>();
        derived.put("beton.data-dir", dataDir.toString());
        String databaseUrl = env.getProperty("DATABASE_URL", "");
        if (!databaseUrl.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
            if (env.getProperty("beton.database.check-on-start", Boolean.class, true)) {
                checkReachable(url);
            }
            derived.put("spring.datasource.url", url.jdbcUrl());
            url.username().ifPresent(u -> derived.put("spring.datasource.username", u));
            url.password().ifPresent(p -> derived.put("spring.datasource.password", p));
        } else if (!env.containsProperty("spring.datasource.url")) {
            derived.put("spring.datasource.url", embeddedH2Url(dataDir));
            derived.put("spring.datasource.username", "beton");
            derived.put("spring.datasource.password", "");
        }
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, derived));
    }

    static String embeddedH2Url(Path dataDir) {
        // PostgreSQL mode keeps one set of migrations valid on both databases.
        return "jdbc:h2:file:" + dataDir.resolve("beton") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH";
    }

    private static void checkReachable(DatabaseUrl url) {
        Properties props = new Properties();
        url.username().ifPresent(u -> props.setProperty("user", u));
        url.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(url.jdbcUrl(), props)) {
            // reachable and the credentials work
        } catch (SQLException e) {
            throw new StartupProblem(
                    "DATABASE_URL points to " + url.describe() + ", which cannot be used: " + firstLine(e) + ".",
                    "Check that PostgreSQL is running and that the host, port, database, user and password in "
                            + "DATABASE_URL are right, or unset DATABASE_URL to use the embedded store.",
                    e);
        }
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).replaceAll("\\.$", "");
    }

    @Override
    public int getOrder() {
        // after application.yml and the command line have been read
        return Ordered.LOWEST_PRECEDENCE;
    }
}
