package dev.beton.workspace.credentials;

import dev.beton.boot.BetonProperties;
import dev.beton.boot.StartupProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the cipher from {@code BETON_ENCRYPTION_KEY} (and previous keys) at start-up. A server
 * without a key refuses to start: it could neither seal new credentials nor open stored ones. The
 * demo is the exception: it keeps a generated key in a file of its data directory.
 */
@Configuration
class SealingKeys {

    static final String DEMO_KEY_FILE = "encryption.key";

    private static final Logger log = LoggerFactory.getLogger(SealingKeys.class);

    @Bean
    SecretCipher secretCipher(EncryptionProperties encryption, BetonProperties beton) {
        SealingKey current = encryption
                .keyIfSet()
                .map(text -> parse(text, "BETON_ENCRYPTION_KEY"))
                .orElseGet(() -> withoutConfiguredKey(beton));
        List<SealingKey> previous = new ArrayList<>();
        for (String text : encryption.previousKeys()) {
            if (!text.isBlank()) {
                previous.add(parse(text, "BETON_ENCRYPTION_PREVIOUS_KEYS"));
            }
        }
        return new SecretCipher(current, previous);
    }

    private static SealingKey withoutConfiguredKey(BetonProperties beton) {
        Path demoFile = beton.dataDir().resolve(DEMO_KEY_FILE);
        if (!beton.demo() && Files.exists(demoFile)) {
            // A data dir made by ./beton demo, opened by serve or a CLI verb (import, rotate-key):
            // its secrets are sealed with the demo key, so use it, but say it is not for production.
            log.warn(
                    "BETON_ENCRYPTION_KEY is not set: using the demo key in {}. Set BETON_ENCRYPTION_KEY (and the demo"
                            + " key in BETON_ENCRYPTION_PREVIOUS_KEYS, then ./beton rotate-key) for a real instance.",
                    demoFile);
            return demoKey(demoFile);
        }
        if (!beton.demo()) {
            throw new StartupProblem(
                    "BETON_ENCRYPTION_KEY is not set, and Beton needs it to seal the API keys of your integrations.",
                    "Create a key with ./beton keygen, then set BETON_ENCRYPTION_KEY=<the key> and keep a copy "
                            + "somewhere safe: stored credentials cannot be opened without it.");
        }
        return demoKey(beton.dataDir().resolve(DEMO_KEY_FILE));
    }

    /** The demo's own key: read it, or create it once and say so. */
    static SealingKey demoKey(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
            }
            SealingKey key = SealingKey.generate();
            writeOwnerOnly(file, key.encoded());
            log.warn(
                    "BETON_ENCRYPTION_KEY is not set: the demo created a key in {} to seal credentials. "
                            + "Fine for a demo; for a real instance run ./beton keygen and set BETON_ENCRYPTION_KEY.",
                    file);
            return key;
        } catch (IOException e) {
            throw new StartupProblem(
                    "The demo encryption key file " + file + " cannot be read or written: " + e.getMessage() + ".",
                    "Check the permissions of the data directory, or set BETON_ENCRYPTION_KEY (./beton keygen).",
                    e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("it appeared while Beton was creating it", e);
        }
        Files.writeString(file, content + "\n", StandardCharsets.US_ASCII);
    }

    private static SealingKey parse(String text, String source) {
        return SealingKey.parse(text)
                .orElseThrow(() -> new StartupProblem(
                        source + " is not an encryption key Beton can use (it must be base64 of 32 bytes).",
                        "Create a key with ./beton keygen and use its output unchanged."));
    }
}
