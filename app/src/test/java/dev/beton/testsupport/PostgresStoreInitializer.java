package dev.beton.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Beton's own state on PostgreSQL (in a schema of its own), events still in the embedded DuckDB.
 *
 * <p>An initializer runs after Beton's {@code StartupEnvironment} post-processor has already
 * turned the environment into {@code spring.datasource.*} (H2 when it saw no {@code
 * DATABASE_URL}), so setting {@code DATABASE_URL} here alone left these contexts on H2. The
 * datasource is therefore set directly; the {@code DATABASE_URL} parsing an operator goes through
 * is tested by {@code DatabaseUrlTest} and {@code StartupOnPostgresTest}. {@code OnPostgresIsPostgresTest}
 * proves these contexts really are on PostgreSQL.
 */
public class PostgresStoreInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String schema = TestStores.newSchemaName();
        String url = TestStores.postgresUrlWithFreshSchema(schema);
        Map<String, Object> props = TestStores.baseProperties();
        props.put("DATABASE_URL", url);
        props.put("spring.datasource.url", url);
        // StartupEnvironment's H2 defaults (user "beton") sit below this source: name the URL's own.
        props.put("spring.datasource.username", queryParameter(url, "user", "postgres"));
        props.put("spring.datasource.password", queryParameter(url, "password", ""));
        props.put("spring.flyway.schemas", schema);
        props.put("spring.flyway.create-schemas", "true");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("betonTestStore", props));
    }

    private static String queryParameter(String jdbcUrl, String name, String fallback) {
        String query = URI.create(jdbcUrl.substring("jdbc:".length())).getRawQuery();
        if (query == null) {
            return fallback;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return fallback;
    }
}
