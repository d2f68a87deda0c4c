package dev.beton.connections;

import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretUnreadable;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The Attio connection of a workspace as other features use it (the deal pipeline): the token in
 * effect ({@code ATTIO_API_KEY} over the stored, active one), and why it cannot be used.
 */
@Service
public class AttioLinks {

    private final AttioConnector connector;
    private final ConnectionStore store;

    AttioLinks(AttioConnector connector, ConnectionStore store) {
        this.connector = connector;
        this.store = store;
    }

    /** The token to send, or empty when Attio is not connected (or its stored token no longer opens). */
    public Optional<Secret> token(long workspaceId) {
        try {
            return connector.effectiveKey(workspaceId);
        } catch (SecretUnreadable e) {
            return Optional.empty();
        }
    }

    /** Whether the workspace has ever connected Attio (an active stored connection), for defaults. */
    public boolean connected(long workspaceId) {
        return token(workspaceId).isPresent();
    }

    /** Why Attio cannot be used right now, as a sentence; empty when it can. */
    public Optional<String> problem(long workspaceId) {
        try {
            if (connector.effectiveKey(workspaceId).isEmpty()) {
                return Optional.of("Attio is not connected in this workspace: connect it on the Connections page.");
            }
        } catch (SecretUnreadable e) {
            return Optional.of(e.getMessage());
        }
        return store.find(workspaceId, Integration.ATTIO)
                .filter(s -> s.state() == ValidationState.FAILED)
                .map(s -> "The Attio connection failed its last check ("
                        + s.validationError().orElse("no reason recorded")
                        + "). Fix it on the Connections page and test it again.");
    }

    /** Records that Attio refused the stored token while Beton was using it, so the Connections page says so. */
    public void refused(long workspaceId, String why) {
        store.saveChecked(workspaceId, Integration.ATTIO, ValidationState.FAILED, Optional.of(why));
    }
}
