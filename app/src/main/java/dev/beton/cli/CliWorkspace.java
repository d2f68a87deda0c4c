package dev.beton.cli;

import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;

/**
 * How every offline command finds the workspace it was given: by slug first, because that is what
 * people type, then by numeric id, which is what the API and the logs show.
 */
final class CliWorkspace {

    private CliWorkspace() {}

    static Optional<Workspace> find(Workspaces workspaces, String slugOrId) {
        return workspaces.bySlug(slugOrId).or(() -> byId(workspaces, slugOrId));
    }

    /** As {@link #find}, and when there is none, says so on stderr with the slugs that exist. */
    static Optional<Workspace> findOrSay(Workspaces workspaces, String slugOrId) {
        Optional<Workspace> found = find(workspaces, slugOrId);
        if (found.isEmpty()) {
            System.err.println("There is no workspace '" + slugOrId + "'. Workspaces: "
                    + workspaces.all().stream().map(Workspace::slug).toList() + ".");
        }
        return found;
    }

    private static Optional<Workspace> byId(Workspaces workspaces, String slugOrId) {
        try {
            return workspaces.byId(Long.parseLong(slugOrId));
        } catch (NumberFormatException notAnId) {
            return Optional.empty();
        }
    }
}
