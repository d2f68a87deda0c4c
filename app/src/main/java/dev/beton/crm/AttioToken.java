package dev.beton.crm;

import java.util.Set;

/**
 * What {@code GET /v2/self} says about an active token.
 *
 * @param scopes the granted scopes, e.g. {@code record_permission:read-write}
 * @param authorizedBy the workspace member who created the token (empty when Attio does not say):
 *     the deal owner when a workspace names none
 */
public record AttioToken(
        String workspaceId, String workspaceName, String workspaceSlug, Set<String> scopes, String authorizedBy) {

    /** Whether a scope is granted; {@code read-write} implies {@code read}. */
    public boolean grants(String scope) {
        if (scopes.contains(scope)) {
            return true;
        }
        return scope.endsWith(":read") && scopes.contains(scope.substring(0, scope.length() - 4) + "read-write");
    }
}
