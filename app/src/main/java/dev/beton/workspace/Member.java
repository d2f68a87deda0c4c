package dev.beton.workspace;

import java.time.Instant;

/** A user's membership as the members list shows it. */
public record Member(long userId, String email, Role role, Instant since) {}
