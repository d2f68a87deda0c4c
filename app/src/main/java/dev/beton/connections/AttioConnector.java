package dev.beton.connections;

import dev.beton.crm.AttioClient;
import dev.beton.crm.AttioException;
import dev.beton.crm.AttioObject;
import dev.beton.crm.AttioProperties;
import dev.beton.crm.AttioToken;
import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretVault;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Connects a workspace to Attio: {@code GET /v2/self} says whether the token is active and which
 * scopes it has; {@code GET /v2/objects} whether deals are enabled. A working token with missing
 * scopes is stored as degraded, with the scopes named.
 */
@Service
class AttioConnector {

    static final String KEY = "api_key";
    static final String BASE_URL = "base_url";
    private static final String ATTIO_CLOUD = "https://api.attio.com";

    /** What the deal pipeline needs: write deals and companies, read objects, write notes. Owners are set by email, so no user_management scope. */
    static final List<String> REQUIRED_SCOPES =
            List.of("record_permission:read-write", "object_configuration:read", "note:read-write");

    private static final Logger log = LoggerFactory.getLogger(AttioConnector.class);

    private final AttioClient client;
    private final SecretVault vault;
    private final ConnectionStore store;
    private final EnvironmentOverrides overrides;
    private final ValidationRateLimit rateLimit;
    private final AttioProperties properties;

    AttioConnector(
            AttioClient client,
            AttioProperties properties,
            SecretVault vault,
            ConnectionStore store,
            EnvironmentOverrides overrides,
            ValidationRateLimit rateLimit) {
        this.client = client;
        this.vault = vault;
        this.store = store;
        this.overrides = overrides;
        this.rateLimit = rateLimit;
        this.properties = properties;
    }

    AttioConnection connect(long workspaceId, Optional<String> apiKey) {
        rateLimit.acquire(workspaceId, Integration.ATTIO);
        Secret token = apiKey.filter(k -> !k.isBlank())
                .map(AttioConnector::checkFormat)
                .orElseGet(() -> storedKeyForThisAddress(workspaceId));
        AttioConnection connection = inspect(token);
        vault.seal(workspaceId, Integration.ATTIO.id(), KEY, token);
        store.saveValidated(
                workspaceId,
                Integration.ATTIO,
                connection.workspaceName(),
                connection.workspaceSlug(),
                settingsOf(connection, properties.baseUrl().toString()),
                stateOf(connection),
                caveatOf(connection));
        log.info("Workspace {} connected Attio workspace {}", workspaceId, connection.workspaceSlug());
        return connection;
    }

    AttioConnection test(long workspaceId) {
        rateLimit.acquire(workspaceId, Integration.ATTIO);
        Secret token = effectiveKey(workspaceId)
                .orElseThrow(
                        () -> new ConnectionFailure(ErrorType.NOT_FOUND, "Attio is not connected in this workspace."));
        try {
            AttioConnection connection = inspect(token);
            store.saveChecked(workspaceId, Integration.ATTIO, stateOf(connection), caveatOf(connection));
            return connection;
        } catch (ConnectionFailure e) {
            store.saveChecked(
                    workspaceId, Integration.ATTIO, PostHogConnector.stateAfter(e), Optional.of(e.getMessage()));
            throw e;
        }
    }

    List<AttioObject> objects(long workspaceId) {
        Secret token = effectiveKey(workspaceId)
                .orElseThrow(
                        () -> new ConnectionFailure(ErrorType.NOT_FOUND, "Attio is not connected in this workspace."));
        try {
            return client.objects(token);
        } catch (AttioException e) {
            throw translate(e);
        }
    }

    boolean disconnect(long workspaceId) {
        return store.deactivate(workspaceId, Integration.ATTIO);
    }

    boolean remove(long workspaceId) {
        vault.remove(workspaceId, Integration.ATTIO.id(), KEY);
        return store.delete(workspaceId, Integration.ATTIO);
    }

    /**
     * The token in effect: {@code ATTIO_API_KEY} over the stored, active one. A stored token saved
     * for another Attio address stays unused until it is entered again (see {@link #mayGoHere}).
     */
    Optional<Secret> effectiveKey(long workspaceId) {
        return overrides.attioKey().or(() -> store.find(workspaceId, Integration.ATTIO)
                .filter(StoredConnection::active)
                .filter(this::mayGoHere)
                .flatMap(s -> vault.open(workspaceId, Integration.ATTIO.id(), KEY)));
    }

    private Secret storedKeyForThisAddress(long workspaceId) {
        Optional<StoredConnection> stored = store.find(workspaceId, Integration.ATTIO);
        if (stored.isPresent() && !mayGoHere(stored.get())) {
            throw new ConnectionFailure(
                    ErrorType.INVALID_FORMAT,
                    "Enter the Attio access token again: it was saved for "
                            + stored.get().setting(BASE_URL).orElse("") + " and Beton now talks to "
                            + properties.baseUrl() + ".");
        }
        return vault.open(workspaceId, Integration.ATTIO.id(), KEY).orElseGet(() -> checkFormat(""));
    }

    /**
     * A saved token goes only to the Attio address it was saved for, or to Attio's own cloud:
     * moving Beton to another address must not carry the token there unasked. Rows saved before
     * the address was recorded carry none and are trusted as they were.
     */
    private boolean mayGoHere(StoredConnection stored) {
        String current = normalized(properties.baseUrl().toString());
        return current.equals(ATTIO_CLOUD)
                || stored.setting(BASE_URL)
                        .map(AttioConnector::normalized)
                        .map(current::equals)
                        .orElse(true);
    }

    private static String normalized(String url) {
        return url.strip().replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT);
    }

    private AttioConnection inspect(Secret token) {
        try {
            AttioToken self = client.self(token);
            List<String> missing =
                    REQUIRED_SCOPES.stream().filter(s -> !self.grants(s)).toList();
            Boolean dealsEnabled = self.grants("object_configuration:read")
                    ? client.objects(token).stream().anyMatch(o -> o.apiSlug().equals("deals"))
                    : null;
            if (missing.isEmpty() && Boolean.TRUE.equals(dealsEnabled)) {
                return new AttioConnection.Ready(self.workspaceName(), self.workspaceSlug());
            }
            return new AttioConnection.Limited(self.workspaceName(), self.workspaceSlug(), missing, dealsEnabled);
        } catch (AttioException e) {
            throw translate(e);
        }
    }

    static Secret checkFormat(String raw) {
        String token = raw == null ? "" : raw.strip();
        if (token.isEmpty()) {
            throw new ConnectionFailure(
                    ErrorType.INVALID_FORMAT,
                    "Paste an Attio access token: in Attio open Workspace settings → Developers, create an"
                            + " integration and copy its access token.");
        }
        if (token.startsWith("phx_") || token.startsWith("phc_")) {
            throw new ConnectionFailure(
                    ErrorType.INVALID_FORMAT,
                    "This is a PostHog key, not an Attio access token; paste it under PostHog.");
        }
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new ConnectionFailure(
                    ErrorType.INVALID_FORMAT,
                    "The token contains spaces or line breaks; copy it again from Attio in one piece.");
        }
        return Secret.of(token);
    }

    static ConnectionFailure translate(AttioException e) {
        return switch (e) {
            case AttioException.Unauthorized u ->
                new ConnectionFailure(
                        ErrorType.UNAUTHORIZED,
                        "Attio did not accept this token: it may be mistyped, revoked or inactive. Copy the access token"
                                + " again from Workspace settings → Developers in Attio.");
            case AttioException.Forbidden f ->
                new ConnectionFailure(
                        ErrorType.UNAUTHORIZED,
                        "Attio accepted the token but refused the request (" + f.getMessage() + "); check its scopes.");
            case AttioException.NotFound n ->
                new ConnectionFailure(ErrorType.NOT_FOUND, "Attio did not find it: " + n.getMessage());
            case AttioException.RateLimited r ->
                new ConnectionFailure(
                        ErrorType.RATE_LIMITED,
                        "Attio is limiting requests right now; try again in a few seconds.",
                        r.retryAfter()
                                .map(d -> d.isZero() ? Duration.ofSeconds(1) : d)
                                .orElse(Duration.ofSeconds(5)));
            case AttioException.Unreachable u ->
                new ConnectionFailure(
                        ErrorType.CONNECTION_ERROR,
                        "Beton could not reach Attio; check that this server can reach api.attio.com.");
            case AttioException.ApiError a ->
                new ConnectionFailure(
                        ErrorType.API_ERROR,
                        "Attio answered with an error (HTTP " + a.status() + "). Try again later.");
        };
    }

    private static ValidationState stateOf(AttioConnection connection) {
        return connection instanceof AttioConnection.Ready ? ValidationState.OK : ValidationState.DEGRADED;
    }

    private static Optional<String> caveatOf(AttioConnection connection) {
        return switch (connection) {
            case AttioConnection.Ready r -> Optional.empty();
            case AttioConnection.Limited l -> Optional.of(l.explanation());
        };
    }

    private static Map<String, String> settingsOf(AttioConnection connection, String baseUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(BASE_URL, baseUrl);
        settings.put("workspace_slug", connection.workspaceSlug());
        if (connection instanceof AttioConnection.Limited limited) {
            settings.put("missing_scopes", String.join(" ", limited.missingScopes()));
            settings.put("deals_enabled", String.valueOf(limited.dealsEnabled()));
        } else {
            settings.put("missing_scopes", "");
            settings.put("deals_enabled", "true");
        }
        return settings;
    }
}
