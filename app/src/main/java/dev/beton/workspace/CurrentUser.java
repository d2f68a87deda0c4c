package dev.beton.workspace;

/** The authenticated user of a request; {@code admin} is the instance-wide administrator flag. */
public record CurrentUser(long id, String email, boolean admin) {}
