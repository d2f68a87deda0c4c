package dev.beton.emulator.posthog;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A personal API key and what it may do.
 *
 * @param value the secret, normally {@code phx_…} (legacy keys have no prefix)
 * @param scopes {@code <object>:read|write} or {@code *}; empty means a legacy key with no scopes,
 *     which may do anything
 * @param scopedTeams project ids the key is limited to; empty means all projects
 * @param scopedOrganizations organizations the key is limited to; empty means all
 */
public record PersonalApiKey(String value, Set<String> scopes, Set<Long> scopedTeams, Set<UUID> scopedOrganizations) {

    public PersonalApiKey {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a personal API key needs a value");
        }
        if (value.startsWith("phc_")) {
            throw new IllegalArgumentException("phc_ is a project token, not a personal API key");
        }
        scopes = Set.copyOf(scopes);
        scopedTeams = Set.copyOf(scopedTeams);
        scopedOrganizations = Set.copyOf(scopedOrganizations);
    }

    /** A key with these scopes that sees every project. */
    public static PersonalApiKey withScopes(String value, String... scopes) {
        return new PersonalApiKey(value, Set.of(scopes), Set.of(), Set.of());
    }

    /** The same key limited to the given projects. */
    public PersonalApiKey limitedToProjects(Long... projectIds) {
        return new PersonalApiKey(value, scopes, Set.of(projectIds), scopedOrganizations);
    }

    /** The same key limited to the given organizations. */
    public PersonalApiKey limitedToOrganizations(UUID... organizationIds) {
        return new PersonalApiKey(value, scopes, scopedTeams, Set.of(organizationIds));
    }

    /**
     * Whether the key grants {@code object:action}; {@code write} implies {@code read}, {@code *}
     * grants everything, and a key without scopes is a legacy key that may do anything.
     */
    boolean grants(String object, String action) {
        return scopes.isEmpty()
                || scopes.contains("*")
                || scopes.contains(object + ":" + action)
                || ("read".equals(action) && scopes.contains(object + ":write"));
    }

    @Override
    public String toString() {
        // The secret never shows up in logs or assertion messages.
        return "PersonalApiKey[" + Objects.requireNonNullElse(prefix(), "") + "…, scopes=" + scopes + "]";
    }

    private String prefix() {
        return value.length() > 8 ? value.substring(0, 8) : null;
    }
}
