package dev.beton.workspace.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.boot.BetonProperties;
import dev.beton.boot.StartupProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SealingTest {

    private static final byte[] SECRET =
            "phx_theSecretKey0123456789abcdefghijklmnopqrstu".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROW = SecretVault.boundTo(1, "posthog", "api_key");

    private final SealingKey oldKey = SealingKey.generate();
    private final SealingKey newKey = SealingKey.generate();

    @Test
    void sealedSecretsOpenWithTheSameKeyAndRowOnly() throws GeneralSecurityException {
        SecretCipher cipher = new SecretCipher(oldKey, List.of());
        byte[] sealed = cipher.seal(SECRET, ROW);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("phx_");
        assertThat(cipher.open(sealed, ROW)).isEqualTo(SECRET);
        assertThat(SecretCipher.keyIdOf(sealed)).isEqualTo(oldKey.id());
        assertThatThrownBy(() -> cipher.open(sealed, SecretVault.boundTo(2, "posthog", "api_key")))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cipher.open(sealed, SecretVault.boundTo(1, "attio", "api_key")))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        SecretCipher cipher = new SecretCipher(oldKey, List.of());

        assertThat(cipher.seal(SECRET, ROW)).isNotEqualTo(cipher.seal(SECRET, ROW));
    }

    @Test
    void afterRotationPreviousKeysStillOpenAndTheCurrentKeySeals() throws GeneralSecurityException {
        byte[] sealedBefore = new SecretCipher(oldKey, List.of()).seal(SECRET, ROW);
        SecretCipher rotated = new SecretCipher(newKey, List.of(oldKey));

        assertThat(rotated.open(sealedBefore, ROW)).isEqualTo(SECRET);
        assertThat(SecretCipher.keyIdOf(rotated.seal(SECRET, ROW))).isEqualTo(newKey.id());
    }

    @Test
    void withoutThePreviousKeyOldCiphertextsDoNotOpen() {
        byte[] sealedBefore = new SecretCipher(oldKey, List.of()).seal(SECRET, ROW);
        SecretCipher newOnly = new SecretCipher(newKey, List.of());

        assertThatThrownBy(() -> newOnly.open(sealedBefore, ROW)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aKeyRoundTripsThroughItsTextFormAndKeepsItsId() {
        SealingKey parsed = SealingKey.parse(oldKey.encoded()).orElseThrow();

        assertThat(parsed).isEqualTo(oldKey);
        assertThat(parsed.id()).isEqualTo(oldKey.id()).isPositive();
        assertThat(parsed.toString()).doesNotContain(oldKey.encoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64 !!", "c2hvcnQ=", "dGVzdC1vbmx5LWtleS1iZXRvbi0zMi1ieXRlcy0wMDAwMDA="})
    void textThatIsNotBase64Of32BytesIsNoKey(String text) {
        assertThat(SealingKey.parse(text)).isEmpty();
    }

    @Test
    void secretsShowMaskedOnly() {
        Secret secret = Secret.of("phx_abcdefghijklmnopqrstuvwxyz0123456789a1b2");

        assertThat(secret.toString()).isEqualTo("***");
        assertThat(secret.masked()).isEqualTo("phx_…a1b2");
        assertThat(Secret.of("0123456789abcdefghijklmnopqrstuvwxyzWXYZ").masked())
                .isEqualTo("…WXYZ");
        assertThat(Secret.of("phx_short").masked()).isEqualTo("phx_…");
    }

    @Test
    void serveWithoutAKeyRefusesToStartSayingHowToCreateOne(@TempDir Path dir) {
        var beton = new BetonProperties(dir, false, new BetonProperties.Admin(null, null));

        assertThatThrownBy(() -> new SealingKeys().secretCipher(new EncryptionProperties(null, List.of()), beton))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("BETON_ENCRYPTION_KEY is not set")
                .satisfies(e -> assertThat(((StartupProblem) e).action()).contains("./beton keygen"));
    }

    @Test
    void aDataDirMadeByTheDemoKeepsOpeningWithItsKeyFileOutsideDemoMode(@TempDir Path dir) {
        SealingKey demo = SealingKeys.demoKey(dir.resolve(SealingKeys.DEMO_KEY_FILE));
        byte[] sealed = new SecretCipher(demo, List.of()).seal(SECRET, ROW);
        var beton = new BetonProperties(dir, false, new BetonProperties.Admin(null, null));

        SecretCipher cipher = new SealingKeys().secretCipher(new EncryptionProperties(null, List.of()), beton);

        assertThat(cipher.currentKeyId()).isEqualTo(demo.id());
        assertThat(SecretCipher.keyIdOf(sealed)).isEqualTo(cipher.currentKeyId());
    }

    @Test
    void aMalformedKeyIsRefusedWithoutRepeatingIt(@TempDir Path dir) {
        var beton = new BetonProperties(dir, false, new BetonProperties.Admin(null, null));

        assertThatThrownBy(() ->
                        new SealingKeys().secretCipher(new EncryptionProperties("secret-but-wrong", List.of()), beton))
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("BETON_ENCRYPTION_KEY is not an encryption key")
                .hasMessageNotContaining("secret-but-wrong");
    }

    @Test
    void theDemoCreatesItsKeyFileOnceAndReusesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(SealingKeys.DEMO_KEY_FILE);

        SealingKey first = SealingKeys.demoKey(file);
        SealingKey second = SealingKeys.demoKey(file);

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(file).strip()).isEqualTo(first.encoded());
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
    }
}
