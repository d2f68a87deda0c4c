package dev.beton.routing;

import java.util.List;
import java.util.Optional;

/**
 * How a workspace routes hot accounts to Attio.
 *
 * @param unresolved what to do when no Attio company matches the account
 * @param autoApply whether a plan made after each detection run is applied right away
 * @param initialStage the stage of a new deal (a title of the deal stage attribute)
 * @param defaultOwner the e-mail of the workspace member who owns new deals; empty: the member
 *     who created the Attio token
 * @param wonStages stage titles that mean won (outcome mapping; a deal in one is closed)
 * @param lostStages stage titles that mean lost
 */
public record RoutingSettings(
        Unresolved unresolved,
        boolean autoApply,
        String initialStage,
        Optional<String> defaultOwner,
        List<String> wonStages,
        List<String> lostStages) {

    public enum Unresolved {
        /** Leave the account out, with a warning on the plan. */
        SKIP,
        /** Create the company in Attio with the account's domain and name. */
        CREATE
    }

    static RoutingSettings defaults(boolean demo) {
        return new RoutingSettings(
                demo ? Unresolved.CREATE : Unresolved.SKIP,
                true,
                "Lead",
                Optional.empty(),
                List.of("Won 🎉", "Won"),
                List.of("Lost"));
    }

    boolean closed(String stage) {
        return wonStages.contains(stage) || lostStages.contains(stage);
    }
}
