package dev.beton.boot;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Beton's own settings ({@code beton.*}, or {@code BETON_*} in the environment).
 *
 * @param dataDir where the embedded stores live (H2 file, one DuckDB file per workspace)
 * @param demo whether this instance runs as {@code ./beton demo}: a generated admin password and a
 *     demo workspace on first start
 * @param admin the first admin, created on first start when no user exists
 */
@ConfigurationProperties("beton")
public record BetonProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean demo,
        @DefaultValue Admin admin) {

    /**
     * From {@code BETON_ADMIN_EMAIL} and {@code BETON_ADMIN_PASSWORD}; either may be absent (null).
     */
    public record Admin(String email, String password) {

        public Optional<String> emailIfSet() {
            return Optional.ofNullable(email).filter(s -> !s.isBlank());
        }

        public Optional<String> passwordIfSet() {
            return Optional.ofNullable(password).filter(s -> !s.isBlank());
        }

        @Override
        public String toString() {
            return "Admin[email=" + email + ", password=" + (password == null ? "unset" : "***") + "]";
        }
    }
}
