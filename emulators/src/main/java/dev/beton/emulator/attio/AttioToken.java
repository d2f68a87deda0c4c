package dev.beton.emulator.attio;

import java.util.Set;

/**
 * An Attio API token as the workspace settings define it.
 *
 * @param value the bearer secret
 * @param active false for a revoked token: {@code /v2/self} answers {@code {"active": false}},
 *     everything else 401
 * @param scopes e.g. {@code record_permission:read-write}; {@code read-write} implies {@code read}
 */
public record AttioToken(String value, boolean active, Set<String> scopes) {

    public AttioToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an Attio token needs a value");
        }
        scopes = Set.copyOf(scopes);
    }

    public static AttioToken active(String value, String... scopes) {
        return new AttioToken(value, true, Set.of(scopes));
    }

    public static AttioToken inactive(String value) {
        return new AttioToken(value, false, Set.of());
    }

    /** Everything Beton needs: records, object configuration and notes, read and write; members (deal owners by name), read. */
    public static AttioToken full(String value) {
        return active(
                value,
                "record_permission:read-write",
                "object_configuration:read-write",
                "note:read-write",
                "user_management:read");
    }

    boolean grants(String scope) {
        if (scopes.contains(scope)) {
            return true;
        }
        return scope.endsWith(":read")
                && scopes.contains(scope.substring(0, scope.length() - ":read".length()) + ":read-write");
    }

    @Override
    public String toString() {
        // The secret stays out of logs and assertion messages.
        return "AttioToken[active=" + active + ", scopes=" + scopes + "]";
    }
}
