package dev.beton.bizevents;

import dev.beton.web.ProblemException;
import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretVault;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's Slack-compatible incoming webhook for critical alerts. The URL is a credential
 * (whoever has a Slack webhook URL may post to the channel), so it is sealed like every other
 * secret and only ever shown masked; the signing secret is shown once, when it is made.
 */
@Service
class AlertWebhooks {

    static final String INTEGRATION = "alert-webhook";
    private static final String URL = "url";
    private static final String SIGNING_SECRET = "signing-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where to post and how to sign; both in the clear only while a delivery needs them. */
    record Target(URI url, Secret signingSecret) {}

    /**
     * @param url the URL, masked
     * @param signingSecret in the clear only in the answer that made it, else null
     */
    record View(boolean configured, String url, String signingSecret) {}

    private final SecretVault vault;

    AlertWebhooks(SecretVault vault) {
        this.vault = vault;
    }

    /** Stores the URL; a new signing secret is made only when there was none (or on request). */
    @Transactional
    View configure(long workspaceId, String url, boolean newSigningSecret) {
        URI uri = validated(url);
        vault.seal(workspaceId, INTEGRATION, URL, Secret.of(uri.toString()));
        String made = null;
        if (newSigningSecret
                || vault.open(workspaceId, INTEGRATION, SIGNING_SECRET).isEmpty()) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            made = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            vault.seal(workspaceId, INTEGRATION, SIGNING_SECRET, Secret.of(made));
        }
        return new View(true, masked(uri), made);
    }

    @Transactional
    void remove(long workspaceId) {
        vault.remove(workspaceId, INTEGRATION, URL);
        vault.remove(workspaceId, INTEGRATION, SIGNING_SECRET);
    }

    View view(long workspaceId) {
        return vault.open(workspaceId, INTEGRATION, URL)
                .map(url -> new View(true, masked(URI.create(url.reveal())), null))
                .orElse(new View(false, null, null));
    }

    Optional<Target> target(long workspaceId) {
        return vault.open(workspaceId, INTEGRATION, URL)
                .flatMap(url -> vault.open(workspaceId, INTEGRATION, SIGNING_SECRET)
                        .map(secret -> new Target(URI.create(url.reveal()), secret)));
    }

    boolean configured(long workspaceId) {
        return vault.open(workspaceId, INTEGRATION, URL).isPresent();
    }

    static URI validated(String url) {
        if (url == null || url.isBlank()) {
            throw ProblemException.badRequest(
                    "url is required: the incoming webhook's address, e.g." + " https://hooks.slack.com/services/….");
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw ProblemException.badRequest("url must be an http or https address with a host.");
            }
            if (uri.getUserInfo() != null) {
                throw ProblemException.badRequest("url must not carry a user name or password.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("url is not a valid address: " + e.getReason() + ".");
        }
    }

    /** Scheme and host, and the last four characters of the path that carries the token. */
    static String masked(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String tail = path.length() > 8 ? "/…" + path.substring(path.length() - 4) : "/…";
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + tail;
    }
}
