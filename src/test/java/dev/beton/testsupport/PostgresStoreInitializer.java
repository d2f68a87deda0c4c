package dev.beton.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Beton's own state on PostgreSQL ({@code DATABASE_URL}, in a schema of its own), events still in
 * the embedded DuckDB. Goes through the same {@code DATABASE_URL} path an operator uses.
 */
public class PostgresStoreInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String schema = TestStores.newSchemaName();
        Map<String, Object> props = TestStores.baseProperties();
        props.put("DATABASE_URL", TestStores.postgresUrlWithFreshSchema(schema));
        props.put("spring.flyway.schemas", schema);
        props.put("spring.flyway.create-schemas", "true");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("betonTestStore", props));
    }
}
