package dev.beton.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * {@code BETON_METRICS_SCRAPE_TOKEN}: a bearer secret that opens {@code /actuator/prometheus}
 * and nothing else, so a Prometheus server needs no user account.
 */
final class ScrapeToken {

    static final String ROLE = "METRICS_SCRAPER";

    private final byte[] secret;

    private ScrapeToken(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    static Optional<ScrapeToken> of(String configured) {
        return Optional.ofNullable(configured)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(ScrapeToken::new);
    }

    boolean matches(String presented) {
        return MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    static Authentication authentication() {
        return UsernamePasswordAuthenticationToken.authenticated(
                "prometheus", null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    @Override
    public String toString() {
        return "ScrapeToken[***]";
    }
}
