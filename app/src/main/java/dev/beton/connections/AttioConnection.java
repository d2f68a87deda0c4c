package dev.beton.connections;

import java.util.List;

/** The outcome of an Attio check that Attio accepted: ready, or usable with caveats. */
sealed interface AttioConnection {

    String workspaceName();

    String workspaceSlug();

    /** Everything Beton needs is granted and the deals object is enabled. */
    record Ready(String workspaceName, String workspaceSlug) implements AttioConnection {}

    /**
     * The token works but Beton cannot do everything: missing scopes by name, or deals disabled.
     *
     * @param dealsEnabled false when the workspace has not enabled the deals object; null when the
     *     token cannot list objects, so it is unknown
     */
    record Limited(String workspaceName, String workspaceSlug, List<String> missingScopes, Boolean dealsEnabled)
            implements AttioConnection {

        String explanation() {
            StringBuilder text = new StringBuilder();
            if (!missingScopes.isEmpty()) {
                text.append("The Attio token is missing the scopes ")
                        .append(String.join(", ", missingScopes))
                        .append(": in Attio open Workspace settings → Developers → your integration and grant them.");
            }
            if (Boolean.FALSE.equals(dealsEnabled)) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append("The Deals object is not enabled in this Attio workspace: a workspace admin enables it"
                        + " under Workspace settings → Objects.");
            }
            return text.toString();
        }
    }
}
