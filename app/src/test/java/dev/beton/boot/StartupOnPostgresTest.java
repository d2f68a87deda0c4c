package dev.beton.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.BetonApplication;
import dev.beton.testsupport.PostgresAvailable;
import dev.beton.testsupport.TestStores;
import java.net.URI;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator's path: {@code DATABASE_URL} in the libpq form that Supabase, Railway and Heroku
 * hand out, read by {@code StartupEnvironment} before any bean exists, puts Beton's own state
 * in PostgreSQL, migrated and with its first admin.
 */
@ExtendWith(PostgresAvailable.class)
class StartupOnPostgresTest {

    @Test
    void aLibpqDatabaseUrlPutsBetonsOwnStateInPostgres() throws Exception {
        String schema = TestStores.newSchemaName();
        String databaseUrl = libpqForm(TestStores.postgresUrlWithFreshSchema(schema));
        try (ConfigurableApplicationContext beton = SpringApplication.run(
                BetonApplication.class,
                "--DATABASE_URL=" + databaseUrl,
                "--spring.flyway.schemas=" + schema,
                "--spring.flyway.create-schemas=true",
                "--beton.data-dir=" + TestStores.freshDataDir(),
                "--server.port=0",
                "--beton.demo=false",
                "--beton.admin.email=" + TestStores.ADMIN_EMAIL,
                "--beton.admin.password=" + TestStores.ADMIN_PASSWORD,
                "--beton.encryption.key=" + TestStores.ENCRYPTION_KEY)) {
            try (Connection connection = beton.getBean(DataSource.class).getConnection()) {
                assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
                assertThat(connection.getSchema()).isEqualTo(schema);
            }
            long admins = beton.getBean(JdbcClient.class)
                    .sql("SELECT count(*) FROM users WHERE email = ?")
                    .param(TestStores.ADMIN_EMAIL)
                    .query(Long.class)
                    .single();
            assertThat(admins).isEqualTo(1);
        }
    }

    /** {@code jdbc:postgresql://h:p/db?user=u&password=p&x=y} as {@code postgresql://u:p@h:p/db?x=y}. */
    private static String libpqForm(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        String user = query.remove("user");
        String password = query.remove("password");
        StringBuilder url = new StringBuilder("postgresql://").append(user == null ? "postgres" : user);
        if (password != null) {
            url.append(':').append(password);
        }
        url.append('@').append(uri.getHost()).append(':').append(uri.getPort()).append(uri.getRawPath());
        String rest = String.join(
                "&",
                query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
        return rest.isEmpty() ? url.toString() : url.append('?').append(rest).toString();
    }
}
