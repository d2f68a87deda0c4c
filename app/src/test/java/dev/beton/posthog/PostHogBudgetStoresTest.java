package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.emulator.MutableClock;
import dev.beton.testsupport.PostgresAvailable;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where budgets live: shared through PostgreSQL by two gateways (as two Beton instances would
 * be), in memory on H2, where migration V40 still runs harmlessly. The calls are counted by the
 * supplier itself, so "nothing sent" means the call was never made.
 */
class PostHogBudgetStoresTest {

    private final MutableClock clock = MutableClock.at("2026-12-01T10:15:00Z");
    private final PostHogBudgetProperties tight = new PostHogBudgetProperties(5, 240, 1200, 3, 4800, 0.8);
    private final PostHogTarget target = new PostHogTarget(
            new PostHogClients(
                            new PostHogProperties(
                                    URI.create("https://us.posthog.com"),
                                    URI.create("https://eu.posthog.com"),
                                    Duration.ofSeconds(1)),
                            JsonMapper.builder().build())
                    .forHost(URI.create("https://eu.posthog.com/")),
            Secret.of("phx_budgetStoresKey0123456789abcdefghijklmnop"),
            77);
    private final AtomicInteger sent = new AtomicInteger();

    @Test
    @ExtendWith(PostgresAvailable.class)
    void twoInstancesOnOnePostgresSpendOneBudget() throws Exception {
        DataSource postgres = migrated(postgresSchema());
        assertThat(PostHogGatewayConfig.onPostgres(postgres)).isTrue();
        PostHogGateway first = gateway(postgres);
        PostHogGateway second = gateway(postgres);

        first.crud(target, sent::incrementAndGet);
        second.crud(target, sent::incrementAndGet);
        first.crud(target, sent::incrementAndGet);

        assertThatThrownBy(() -> second.crud(target, sent::incrementAndGet))
                .isInstanceOfSatisfying(PostHogException.BudgetExhausted.class, e -> assertThat(e.retryAt())
                        .isEqualTo(Instant.parse("2026-12-01T10:16:00Z")));
        assertThat(sent).hasValue(3);
        // Three per minute are spent; the hour still has 4,797 of 4,800.
        assertThat(first.usage(URI.create("https://eu.posthog.com"), 77).crudRemaining())
                .isEqualTo(4797);
        try (Connection c = postgres.getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT id FROM posthog_budget_bucket WHERE state IS NOT NULL")) {
            java.util.List<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            assertThat(ids).contains("https://eu.posthog.com/77#crud", "https://eu.posthog.com/77#crud#minute");
        }

        clock.advance(Duration.ofMinutes(1));
        second.crud(target, sent::incrementAndGet);
        assertThat(sent).hasValue(4);

        // The insights budget is other buckets, shared the same way.
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? first : second).analytics(target, sent::incrementAndGet);
        }
        assertThat(second.usage(URI.create("https://eu.posthog.com"), 77).insightsRemaining())
                .isEqualTo(1195);
    }

    @Test
    void onH2TheBudgetIsInMemoryAndTheMigrationIsHarmless() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:budget-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        migrate(h2, null);
        assertThat(PostHogGatewayConfig.onPostgres(h2)).isFalse();
        PostHogGateway gateway =
                PostHogGateway.builder(clock).budget(tight).waitWith(d -> {}).build();

        for (int i = 0; i < 3; i++) {
            gateway.crud(target, sent::incrementAndGet);
        }
        assertThatThrownBy(() -> gateway.crud(target, sent::incrementAndGet))
                .isInstanceOf(PostHogException.BudgetExhausted.class);
        assertThat(sent).hasValue(3);
        assertThat(gateway.usage(URI.create("https://eu.posthog.com"), 77).store())
                .isEqualTo("memory");
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM posthog_budget_bucket")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    private PostHogGateway gateway(DataSource postgres) {
        return PostHogGateway.builder(clock)
                .budget(tight)
                .postgres(postgres)
                .waitWith(d -> {})
                .build();
    }

    private static String postgresSchema() {
        return TestStores.newSchemaName();
    }

    private static DataSource migrated(String schema) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(TestStores.postgresUrlWithFreshSchema(schema));
        migrate(postgres, schema);
        return postgres;
    }

    private static void migrate(DataSource dataSource, String schema) {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (schema != null) {
            config.schemas(schema).createSchemas(true);
        }
        config.load().migrate();
    }
}
