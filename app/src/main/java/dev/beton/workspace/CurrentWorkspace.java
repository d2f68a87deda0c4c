package dev.beton.workspace;

/**
 * The workspace a request acts on, resolved from the caller: a bearer token's own workspace,
 * else {@code ?workspace=<id or slug>}, else the user's default. Controllers take it as a
 * parameter; a workspace the caller does not belong to never gets this far (404).
 */
public record CurrentWorkspace(Workspace workspace, long userId, Role role) {

    public long id() {
        return workspace.id();
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Admins and executives read the executive section; plain members do not. */
    public boolean seesExecutive() {
        return role == Role.ADMIN || role == Role.EXECUTIVE;
    }
}
