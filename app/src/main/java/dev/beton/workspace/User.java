package dev.beton.workspace;

import java.util.Optional;

/** A person who logs in to Beton. The password hash never leaves {@link Users}. */
public record User(long id, String email, boolean admin, Optional<Long> defaultWorkspaceId) {}
