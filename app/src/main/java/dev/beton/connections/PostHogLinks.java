package dev.beton.connections;

import dev.beton.workspace.credentials.SecretUnreadable;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The PostHog connection of a workspace as other features use it (detection on PostHog, sending
 * signals back): environment over stored, and only when it is usable — a key, a project, and no
 * failed last check.
 */
@Service
public class PostHogLinks {

    private final PostHogConnector connector;

    PostHogLinks(PostHogConnector connector) {
        this.connector = connector;
    }

    /** The usable connection, or empty (no key, no project, or the last check failed). */
    public Optional<PostHogLink> find(long workspaceId) {
        try {
            return Optional.of(require(workspaceId));
        } catch (PostHogNotConnected e) {
            return Optional.empty();
        }
    }

    /**
     * Why the connection cannot be used right now, as a sentence for the page and the API; empty
     * when it can. A stored key that no longer opens (rotated encryption key) is such a reason.
     */
    public Optional<String> problem(long workspaceId) {
        try {
            require(workspaceId);
            return Optional.empty();
        } catch (PostHogNotConnected | SecretUnreadable e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @throws PostHogNotConnected with a sentence saying why the connection cannot be used */
    public PostHogLink require(long workspaceId) {
        PostHogSettings settings = connector.effective(workspaceId);
        if (!settings.configured()) {
            throw new PostHogNotConnected("PostHog is not connected in this workspace: connect it on the Connections"
                    + " page (Settings → Connections) first.");
        }
        if (settings.projectId().isEmpty()) {
            throw new PostHogNotConnected(
                    "The PostHog connection names no project: choose a project on the" + " Connections page.");
        }
        Optional<StoredConnection> stored = settings.stored();
        if (settings.source() == KeySource.STORED
                && stored.map(s -> s.state() == ValidationState.FAILED).orElse(false)) {
            throw new PostHogNotConnected("The PostHog connection failed its last check ("
                    + stored.flatMap(StoredConnection::validationError).orElse("no reason recorded")
                    + "). Fix it on the Connections page and test it again.");
        }
        return new PostHogLink(
                settings.host().orElseGet(connector::defaultHost),
                settings.key().orElseThrow(),
                settings.projectId().orElseThrow(),
                stored.flatMap(s -> s.setting("project_token")));
    }
}
