package dev.beton.workspace.credentials;

import dev.beton.store.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores secrets sealed, one per (workspace, integration, name). The three are bound as
 * associated data: a ciphertext copied into another workspace's or integration's row fails to
 * open instead of leaking a key across tenants.
 */
@Service
public class SecretVault {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    SecretVault(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Seals and stores a secret, replacing the one stored under the same name. */
    @Transactional
    public void seal(long workspaceId, String integration, String name, Secret secret) {
        byte[] sealed =
                cipher.seal(secret.reveal().getBytes(StandardCharsets.UTF_8), boundTo(workspaceId, integration, name));
        remove(workspaceId, integration, name);
        jdbc.sql("INSERT INTO sealed_secrets (workspace_id, integration, name, ciphertext, key_id, sealed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        integration,
                        name,
                        Base64.getEncoder().encodeToString(sealed),
                        cipher.currentKeyId(),
                        Timestamps.of(clock.instant()))
                .update();
    }

    /**
     * The stored secret, opened; empty when none is stored.
     *
     * @throws SecretUnreadable when it is stored but no configured key opens it for this row
     */
    public Optional<Secret> open(long workspaceId, String integration, String name) {
        return jdbc.sql("SELECT ciphertext FROM sealed_secrets WHERE workspace_id = ? AND integration = ? AND name = ?")
                .params(workspaceId, integration, name)
                .query(String.class)
                .optional()
                .map(ciphertext -> open(ciphertext, workspaceId, integration, name));
    }

    public void remove(long workspaceId, String integration, String name) {
        jdbc.sql("DELETE FROM sealed_secrets WHERE workspace_id = ? AND integration = ? AND name = ?")
                .params(workspaceId, integration, name)
                .update();
    }

    /** How many stored secrets are sealed with a key other than the current one. */
    public long sealedWithPreviousKeys() {
        return jdbc.sql("SELECT count(*) FROM sealed_secrets WHERE key_id <> ?")
                .param(cipher.currentKeyId())
                .query(Long.class)
                .single();
    }

    /**
     * Re-seals every stored secret under the current key ({@code ./beton rotate-key}). All or
     * nothing: one secret no key opens stops the rotation before anything is written.
     *
     * @return the number of secrets re-sealed
     */
    @Transactional
    public Rotation resealAll() {
        List<Row> rows = jdbc.sql("SELECT workspace_id, integration, name, ciphertext, key_id FROM sealed_secrets")
                .query((rs, n) -> new Row(
                        rs.getLong("workspace_id"),
                        rs.getString("integration"),
                        rs.getString("name"),
                        rs.getString("ciphertext"),
                        rs.getLong("key_id")))
                .list();
        int resealed = 0;
        for (Row row : rows) {
            if (row.keyId() == cipher.currentKeyId()) {
                continue;
            }
            Secret secret = open(row.ciphertext(), row.workspaceId(), row.integration(), row.name());
            seal(row.workspaceId(), row.integration(), row.name(), secret);
            resealed++;
        }
        return new Rotation(rows.size(), resealed);
    }

    /** Result of {@link #resealAll()}: secrets found, and how many of them were re-sealed. */
    public record Rotation(int total, int resealed) {}

    private Secret open(String ciphertext, long workspaceId, String integration, String name) {
        try {
            byte[] clear = cipher.open(Base64.getDecoder().decode(ciphertext), boundTo(workspaceId, integration, name));
            return Secret.of(new String(clear, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretUnreadable(workspaceId, integration, name);
        }
    }

    static byte[] boundTo(long workspaceId, String integration, String name) {
        return ("beton:v1:workspace=" + workspaceId + ":integration=" + integration + ":secret=" + name)
                .getBytes(StandardCharsets.UTF_8);
    }

    private record Row(long workspaceId, String integration, String name, String ciphertext, long keyId) {}
}
