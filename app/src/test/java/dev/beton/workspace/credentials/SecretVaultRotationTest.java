package dev.beton.workspace.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code ./beton rotate-key}'s core: re-sealing every secret under the current key. */
class SecretVaultRotationTest {

    private final SealingKey oldKey = SealingKey.generate();
    private final SealingKey newKey = SealingKey.generate();
    private JdbcClient jdbc;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        jdbc = JdbcClient.create(h2);
        jdbc.sql(
                        "CREATE TABLE sealed_secrets (workspace_id BIGINT NOT NULL, integration VARCHAR(32) NOT NULL,"
                                + " name VARCHAR(64) NOT NULL, ciphertext VARCHAR(4000) NOT NULL, key_id BIGINT NOT NULL,"
                                + " sealed_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (workspace_id, integration, name))")
                .update();
    }

    private SecretVault vault(SealingKey current, SealingKey... previous) {
        return new SecretVault(jdbc, new SecretCipher(current, List.of(previous)), Clock.systemUTC());
    }

    @Test
    void rotationReSealsUnderTheCurrentKeySoThePreviousKeyCanBeDropped() {
        vault(oldKey).seal(1, "posthog", "api_key", Secret.of("phx_one"));
        vault(oldKey).seal(2, "attio", "api_key", Secret.of("attio-two"));
        SecretVault rotating = vault(newKey, oldKey);
        assertThat(rotating.sealedWithPreviousKeys()).isEqualTo(2);

        SecretVault.Rotation rotation = rotating.resealAll();

        assertThat(rotation).isEqualTo(new SecretVault.Rotation(2, 2));
        assertThat(rotating.sealedWithPreviousKeys()).isZero();
        SecretVault newOnly = vault(newKey);
        assertThat(newOnly.open(1, "posthog", "api_key").orElseThrow().reveal()).isEqualTo("phx_one");
        assertThat(newOnly.open(2, "attio", "api_key").orElseThrow().reveal()).isEqualTo("attio-two");
        assertThat(rotating.resealAll()).isEqualTo(new SecretVault.Rotation(2, 0));
    }

    @Test
    void withoutThePreviousKeyRotationStopsAndSaysWhichSecret() {
        vault(oldKey).seal(7, "posthog", "api_key", Secret.of("phx_seven"));

        assertThatThrownBy(() -> vault(newKey).resealAll())
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("posthog api_key of workspace 7")
                .hasMessageContaining("BETON_ENCRYPTION_PREVIOUS_KEYS")
                .hasMessageNotContaining("phx_seven");
    }

    @Test
    void nothingStoredOpensAsEmpty() {
        assertThat(vault(oldKey).open(1, "posthog", "api_key")).isEmpty();
    }
}
