package dev.beton.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @Test
    void libpqFormBecomesJdbcWithSeparateCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://beton:s3cr%40t@db.example.com:6543/app?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/app?sslmode=require");
        assertThat(url.username()).contains("beton");
        assertThat(url.password()).contains("s3cr@t");
    }

    @Test
    void postgresSchemeAndDefaultPortAreAccepted() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u@localhost/beton");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/beton");
        assertThat(url.username()).contains("u");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void jdbcFormPassesThrough() {
        DatabaseUrl url = DatabaseUrl.parse(" jdbc:postgresql://127.0.0.1:5432/x?user=postgres ");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/x?user=postgres");
    }

    @Test
    void descriptionAndToStringNeverShowThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://beton:topsecret@db:5432/app?password=topsecret");
        assertThat(url.describe()).doesNotContain("topsecret");
        assertThat(url.toString()).doesNotContain("topsecret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://u:p@h/db", "postgresql://", "postgresql://host", "jdbc:mysql://h/db", "not a url"})
    void malformedUrlsNameTheVariable(String raw) {
        assertThatThrownBy(() -> DatabaseUrl.parse(raw))
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("DATABASE_URL is malformed");
    }
}
