package dev.beton.crm;

/**
 * Adds a Markdown note to the Attio deal Beton made for an account (its latest routing episode),
 * through the deal pipeline's budget, breaker and audit log. Implemented by {@code dev.beton.routing}.
 */
public interface DealNotes {

    /** What happened to a note. */
    sealed interface Outcome {
        /** The note is on the deal. */
        record Attached(String dealRecordId, String noteId) implements Outcome {}

        /** Beton made no deal for this account, so there is nothing to attach to. */
        record NoDeal() implements Outcome {}

        /** Attio is not connected for the workspace. */
        record NotConnected() implements Outcome {}
    }

    /**
     * @param actor who asked (an e-mail), for the audit log
     * @throws RuntimeException when Attio refuses or cannot be reached (the message says why)
     */
    Outcome noteOnDeal(long workspaceId, String accountKey, String actor, String title, String markdown);
}
