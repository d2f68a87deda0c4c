package dev.beton.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every {@code @OnPostgres} test claims PostgreSQL: this one proves the context really is on it. */
@OnPostgres
class OnPostgresIsPostgresTest {

    @Autowired
    DataSource dataSource;

    @Test
    void betonsOwnStateIsInPostgres() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(connection.getSchema()).startsWith("t_");
        }
    }
}
