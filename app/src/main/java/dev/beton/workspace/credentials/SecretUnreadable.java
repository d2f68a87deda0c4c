package dev.beton.workspace.credentials;

/**
 * A stored secret that no configured key opens for its row: the key changed without {@code
 * BETON_ENCRYPTION_PREVIOUS_KEYS}, or the ciphertext was moved from another row.
 */
public final class SecretUnreadable extends RuntimeException {

    public SecretUnreadable(long workspaceId, String integration, String name) {
        super("The stored " + integration + " " + name + " of workspace " + workspaceId
                + " cannot be opened with the configured encryption keys; add the key it was sealed with to "
                + "BETON_ENCRYPTION_PREVIOUS_KEYS, or connect " + integration + " again.");
    }
}
