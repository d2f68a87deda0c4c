package dev.beton.posthog;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link PostHogGateway} bean: budget in PostgreSQL when Beton's state is there, else in memory. */
@Configuration(proxyBeanMethods = false)
class PostHogGatewayConfig {

    private static final Logger LOG = LoggerFactory.getLogger(PostHogGatewayConfig.class);

    @Bean
    PostHogGateway postHogGateway(
            DataSource dataSource,
            Clock clock,
            ObjectProvider<MeterRegistry> registry,
            PostHogBudgetProperties budget,
            PostHogRetryProperties retry,
            PostHogCacheProperties cache) {
        PostHogGateway.Builder builder =
                PostHogGateway.builder(clock).budget(budget).retry(retry).cache(cache);
        registry.ifAvailable(builder::meterRegistry);
        if (onPostgres(dataSource)) {
            builder.postgres(dataSource);
            LOG.info("PostHog budgets are kept in PostgreSQL and shared by every Beton instance on it.");
        }
        return builder.build();
    }

    static boolean onPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            // H2 in PostgreSQL mode still names itself "H2", so this tells the two apart.
            return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not tell which database keeps Beton's state", e);
        }
    }
}
