package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.BetonApplication;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.credentials.SealingKey;
import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretVault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/** {@code ./beton rotate-key} on a real data directory: old key in, new key out. */
@ExtendWith(OutputCaptureExtension.class)
class RotateKeyCommandTest {

    private final String oldKey = SealingKey.generate().encoded();
    private final String newKey = SealingKey.generate().encoded();

    @Test
    void reSealsEveryStoredSecretSoOnlyTheNewKeyIsNeeded(CapturedOutput output) {
        Path dir = TestStores.freshDataDir();
        try (ConfigurableApplicationContext before = start(dir, oldKey)) {
            before.getBean(SecretVault.class).seal(1, "posthog", "api_key", Secret.of("phx_rotatedSecret0123456789"));
        }

        int exit;
        System.setProperty("beton.encryption.key", newKey);
        System.setProperty("beton.encryption.previous-keys", oldKey);
        try {
            exit = new CommandLine(new BetonCli()).execute("rotate-key", "--data-dir", dir.toString());
        } finally {
            System.clearProperty("beton.encryption.key");
            System.clearProperty("beton.encryption.previous-keys");
        }

        assertThat(exit).isZero();
        assertThat(output.getOut()).contains("Re-sealed 1 of 1 stored credentials");
        try (ConfigurableApplicationContext after = start(dir, newKey)) {
            SecretVault vault = after.getBean(SecretVault.class);
            assertThat(vault.open(1, "posthog", "api_key").orElseThrow().reveal())
                    .isEqualTo("phx_rotatedSecret0123456789");
            assertThat(vault.sealedWithPreviousKeys()).isZero();
        }
        assertThat(output.getAll())
                .doesNotContain("phx_rotatedSecret")
                .doesNotContain(oldKey)
                .doesNotContain(newKey);
    }

    private static ConfigurableApplicationContext start(Path dir, String key) {
        return new SpringApplicationBuilder(BetonApplication.class)
                .run(
                        "--server.port=-1",
                        "--beton.data-dir=" + dir,
                        "--beton.demo=false",
                        "--beton.admin.email=" + TestStores.ADMIN_EMAIL,
                        "--beton.admin.password=" + TestStores.ADMIN_PASSWORD,
                        "--beton.encryption.key=" + key);
    }
}
