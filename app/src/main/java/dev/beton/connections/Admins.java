package dev.beton.connections;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;

/** Connections are managed by the workspace's admins; members may look. */
final class Admins {

    private Admins() {}

    static void require(CurrentWorkspace current) {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace can manage its connections.");
        }
    }
}
