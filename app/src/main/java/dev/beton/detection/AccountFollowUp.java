package dev.beton.detection;

import java.util.Optional;
import java.util.Set;

/**
 * What the CRM side knows about accounts, for the hot queue and the account page: implemented by
 * the deal pipeline ({@code dev.beton.routing}); absent, the pages show signals only.
 */
public interface AccountFollowUp {

    /** The reasons a rep picks from when marking an account Done or Disqualified (free text goes with them). */
    java.util.List<String> REASONS = java.util.List.of(
            "contacted", "deal created", "not a buyer", "existing customer", "bad timing", "bad data", "other");

    /** Accounts a rep marked done or disqualified whose cooldown has not ended: they leave the hot queue. */
    Set<String> parked(long workspaceId);

    /** "View in Attio" links of the deals Beton made, by account key; no call to Attio. */
    java.util.Map<String, String> dealLinks(long workspaceId);

    /**
     * Why the latest routing plan did not make a deal for the account (e.g. "unresolved company: no
     * Attio company has the domain acme.io"), when its item there was a skip.
     */
    Optional<String> lastSkip(long workspaceId, String accountKey);

    /** The account's deal in the CRM, when Beton made one, with its stage and owner read from Attio. */
    Optional<Deal> deal(long workspaceId, String accountKey);

    /**
     * @param webUrl the deal in Attio ("View in Attio")
     * @param stage the deal's stage now, when Attio could be read
     * @param owner the deal owner (a workspace member id), when Attio could be read
     * @param ownerName the owner's name from Attio's workspace members, when Attio lists it
     */
    record Deal(String webUrl, Optional<String> stage, Optional<String> owner, Optional<String> ownerName) {

        /** The owner as a rep reads it: the name, else the member id. */
        public Optional<String> ownerShown() {
            return ownerName.or(() -> owner);
        }
    }
}
