package dev.beton.workspace.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.beton.BetonApplication;
import dev.beton.testsupport.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A server without {@code BETON_ENCRYPTION_KEY} stops at start-up with one sentence and the fix. */
@ExtendWith(OutputCaptureExtension.class)
class EncryptionKeyStartupTest {

    @Test
    void serveWithoutAKeyPrintsWhatToDoInsteadOfAStackTrace(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> SpringApplication.run(
                        BetonApplication.class,
                        "--beton.data-dir=" + TestStores.freshDataDir(),
                        "--server.port=0",
                        "--beton.demo=false",
                        "--beton.admin.email=" + TestStores.ADMIN_EMAIL,
                        "--beton.admin.password=" + TestStores.ADMIN_PASSWORD,
                        // the test resources give every context a key; take it away
                        "--beton.encryption.key=")
                .close());

        assertThat(failure).isNotNull();
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains(
                        "BETON_ENCRYPTION_KEY is not set, and Beton needs it to seal the API keys of your integrations.")
                .contains("Create a key with ./beton keygen")
                .doesNotContain("\tat dev.beton.workspace.credentials.SealingKeys");
    }
}
