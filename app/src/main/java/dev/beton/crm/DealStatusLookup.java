package dev.beton.crm;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The stage and owner of the CRM deal Beton made for each account, as Beton last read them from
 * Attio — a local read, no call to Attio, so a page can show it for every row of a list (the hot
 * queue). Implemented by the deal pipeline ({@code dev.beton.routing}); accounts without a deal
 * from Beton are absent.
 */
public interface DealStatusLookup {

    /** Every account's deal of its latest routing episode, by account key. */
    Map<String, DealStatus> statuses(long workspaceId);

    Optional<DealStatus> status(long workspaceId, String accountKey);

    /**
     * @param webUrl the deal in Attio ("View in Attio")
     * @param stage the stage title when last read (empty until Beton read the deal back)
     * @param owner the owner (an Attio workspace member id) when last read
     * @param ownerName the owner's name from Attio's workspace members (empty when Attio does not
     *     list the member, e.g. the token may not read members: show {@code owner} then)
     * @param seenAt when Beton last read the deal from Attio
     * @param episode the routing episode (1 for the account's first deal)
     * @param closed whether Beton saw the deal in a won/lost stage (its episode ended)
     */
    record DealStatus(
            String accountKey,
            String dealRecordId,
            Optional<String> webUrl,
            Optional<String> stage,
            Optional<String> owner,
            Optional<String> ownerName,
            Optional<Instant> seenAt,
            int episode,
            boolean closed) {

        /** The owner as a rep reads it: the name, else the member id. */
        public Optional<String> ownerShown() {
            return ownerName.or(() -> owner);
        }
    }
}
