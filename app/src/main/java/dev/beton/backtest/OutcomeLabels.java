package dev.beton.backtest;

import java.time.Instant;
import java.util.List;

/**
 * Done / Disqualify labels a sales rep put on a routed account: a backtest counts them as negatives
 * (the signal did not lead to a deal) without waiting for the attribution window to end. The labels
 * themselves come with the CRM routing (issue 12); until then {@link #NONE} answers.
 */
public interface OutcomeLabels {

    /** A negative outcome for an account, at the instant it was labelled. */
    record Label(String accountKey, String kind, Instant at) {}

    List<Label> negatives(long workspaceId);

    OutcomeLabels NONE = workspaceId -> List.of();
}
