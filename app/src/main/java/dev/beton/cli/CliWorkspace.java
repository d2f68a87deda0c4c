package dev.beton.cli;

import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.List;
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

    /**
     * For commands where the workspace may be left out: the named one, else the only workspace,
     * else the demo's, else the default one a fresh install creates.
     */
    static Optional<Workspace> findOrDefault(Workspaces workspaces, String slugOrIdOrNull) {
        if (slugOrIdOrNull != null) {
            return find(workspaces, slugOrIdOrNull);
        }
        List<Workspace> all = workspaces.all();
        if (all.size() == 1) {
            return Optional.of(all.getFirst());
        }
        return workspaces.bySlug("demo").or(() -> workspaces.bySlug("default"));
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
