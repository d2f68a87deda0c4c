package dev.beton.workspace.credentials;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that seal stored credentials ({@code beton.encryption.*}).
 *
 * @param key the current key, from {@code BETON_ENCRYPTION_KEY} (base64 of 32 random bytes, as
 *     printed by {@code ./beton keygen}); new secrets are sealed with it. May be null: then {@code
 *     serve} refuses to start and {@code demo} uses a key file in the data directory.
 * @param previousKeys keys that sealed secrets before the last rotation, from {@code
 *     BETON_ENCRYPTION_PREVIOUS_KEYS} (comma-separated); they only open, never seal
 */
@ConfigurationProperties("beton.encryption")
public record EncryptionProperties(String key, @DefaultValue List<String> previousKeys) {

    public Optional<String> keyIfSet() {
        return Optional.ofNullable(key).map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public String toString() {
        return "EncryptionProperties[key=" + (keyIfSet().isPresent() ? "***" : "unset") + ", previousKeys="
                + previousKeys.size() + "]";
    }
}
