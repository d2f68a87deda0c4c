package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.BetonApplication;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.credentials.SealingKey;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import picocli.CommandLine;

/** {@code ./beton reset-password}: a forgotten password replaced by a one-time one, to be changed. */
@ExtendWith(OutputCaptureExtension.class)
class ResetPasswordCommandTest {

    private final String key = SealingKey.generate().encoded();

    @Test
    void printsAOneTimePasswordThatMustBeChangedAndSaysSoForAnUnknownEmail(CapturedOutput output) {
        Path dir = TestStores.freshDataDir();
        start(dir).close();

        int exit;
        int unknown;
        System.setProperty("beton.encryption.key", key);
        try {
            exit = new CommandLine(new BetonCli())
                    .execute("reset-password", TestStores.ADMIN_EMAIL, "--data-dir", dir.toString());
            unknown = new CommandLine(new BetonCli())
                    .execute("reset-password", "nobody@test.beton", "--data-dir", dir.toString());
        } finally {
            System.clearProperty("beton.encryption.key");
        }

        assertThat(exit).isZero();
        assertThat(unknown).isEqualTo(1);
        assertThat(output.getErr()).contains("There is no user nobody@test.beton.");
        Matcher printed =
                Pattern.compile("New one-time password for \\S+: (\\S+)").matcher(output.getOut());
        assertThat(printed.find()).isTrue();
        try (ConfigurableApplicationContext after = start(dir)) {
            Users users = after.getBean(Users.class);
            long id = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
            assertThat(users.mustChangePassword(id)).isTrue();
            String hash = after.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("SELECT password_hash FROM users WHERE id = ?")
                    .param(id)
                    .query(String.class)
                    .single();
            assertThat(after.getBean(PasswordEncoder.class).matches(printed.group(1), hash))
                    .isTrue();
        }
    }

    private ConfigurableApplicationContext start(Path dir) {
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
