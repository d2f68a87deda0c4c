package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.PostgresAvailable;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/** A full Beton on PostgreSQL keeps its PostHog budget in the V40 table, where other instances see it. */
@ExtendWith(PostgresAvailable.class)
@SpringBootTest
@ContextConfiguration(initializers = PostHogGatewayOnPostgresTest.OnPostgresDataSource.class)
class PostHogGatewayOnPostgresTest {

    /**
     * Points {@code spring.datasource.url} itself at a fresh PostgreSQL schema. The shared
     * {@code OnPostgres} sets {@code DATABASE_URL} in an initializer, which runs after
     * StartupEnvironment has already chosen H2, so its contexts run on H2 (reported to the
     * coordinator).
     */
    static class OnPostgresDataSource implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String schema = TestStores.newSchemaName();
            Map<String, Object> props = TestStores.baseProperties();
            props.put("spring.datasource.url", TestStores.postgresUrlWithFreshSchema(schema));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.flyway.schemas", schema);
            props.put("spring.flyway.create-schemas", "true");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("guardOnPostgres", props));
        }
    }

    @Autowired
    PostHogGateway gateway;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void theBudgetLivesInPostgres() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        PostHogTarget target = new PostHogTarget(
                PostHogTestClients.forHost(URI.create("https://eu.posthog.com"), Duration.ofSeconds(1)),
                Secret.of("phx_onPostgresKey0123456789abcdefghijklmnopqrs"),
                31);

        gateway.crud(target, () -> "sent");
        gateway.crud(target, () -> "sent");

        PostHogUsage usage = gateway.usage(URI.create("https://eu.posthog.com"), 31);
        assertThat(usage.store()).isEqualTo("postgresql");
        assertThat(usage.crudRemaining()).isEqualTo(4798);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM posthog_budget_bucket WHERE id LIKE 'https://eu.posthog.com/31#crud%'",
                        Long.class))
                .isEqualTo(2);
    }
}
