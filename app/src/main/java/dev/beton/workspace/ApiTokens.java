package dev.beton.workspace;

import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

/**
 * Bearer tokens for the REST API. A token belongs to one workspace and one user; only its
 * SHA-256 is stored, so a leaked database does not leak working tokens.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "beton_";
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public IssuedApiToken issue(long workspaceId, long userId, String name) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 200) {
            throw ProblemException.badRequest("A token needs a name of 1 to 200 characters.");
        }
        String secret = newSecret();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_tokens (workspace_id, user_id, name, token_hash, token_hint, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(workspaceId, userId, label, hash(secret), hintOf(secret), Timestamps.of(clock.instant()))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return new IssuedApiToken(byId(workspaceId, id).orElseThrow(), secret);
    }

    /** The live token with this secret, marking it used. */
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiToken> token = jdbc.sql("SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")
                .param(hash(secret))
                .query(ApiTokens::map)
                .optional();
        token.ifPresent(t -> jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
                .params(Timestamps.of(clock.instant()), t.id())
                .update());
        return token;
    }

    public List<ApiToken> list(long workspaceId) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE workspace_id = ? ORDER BY id")
                .param(workspaceId)
                .query(ApiTokens::map)
                .list();
    }

    /** The tokens a caller manages: every token of the workspace for its admins, their own for members. */
    public List<ApiToken> visibleTo(CurrentWorkspace caller) {
        return list(caller.id()).stream()
                .filter(t -> caller.isAdmin() || t.userId() == caller.userId())
                .toList();
    }

    /**
     * Revokes a token the caller manages. A member revoking someone else's token gets the same
     * 404 as for a token that does not exist, so members cannot probe the admins' token ids.
     */
    public void revoke(CurrentWorkspace caller, long tokenId) {
        int changed = jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND workspace_id = ?"
                        + " AND revoked_at IS NULL AND (? OR user_id = ?)")
                .params(Timestamps.of(clock.instant()), tokenId, caller.id(), caller.isAdmin(), caller.userId())
                .update();
        if (changed == 0) {
            throw ProblemException.notFound("You have no active API token " + tokenId + " in this workspace.");
        }
    }

    private Optional<ApiToken> byId(long workspaceId, long id) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE id = ? AND workspace_id = ?")
                .params(id, workspaceId)
                .query(ApiTokens::map)
                .optional();
    }

    private String newSecret() {
        StringBuilder secret = new StringBuilder(PREFIX);
        for (int i = 0; i < 40; i++) {
            secret.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return secret.toString();
    }

    private static String hintOf(String secret) {
        return "…" + secret.substring(secret.length() - 4);
    }

    static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(
                rs.getLong("id"),
                rs.getLong("workspace_id"),
                rs.getLong("user_id"),
                rs.getString("name"),
                rs.getString("token_hint"),
                Timestamps.instant(rs, "created_at"),
                Timestamps.optionalInstant(rs, "last_used_at"),
                Timestamps.optionalInstant(rs, "revoked_at"));
    }
}
