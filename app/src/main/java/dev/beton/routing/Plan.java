package dev.beton.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored plan: what applying it would do to Attio, one item per account, as of the score
 * receipts it was made from.
 *
 * @param status {@code planned}, {@code planning} (auto-apply: applied while it is made), {@code
 *     applying} (its items are in the outbox) or {@code applied}
 */
public record Plan(
        long id,
        @JsonProperty("workspace_id") long workspaceId,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("as_of") Optional<Instant> asOf,
        String trigger,
        @JsonProperty("created_by") String createdBy,
        int threshold,
        String status,
        int creates,
        int updates,
        int skips,
        List<String> warnings,
        @JsonProperty("applied_at") Optional<Instant> appliedAt) {

    /** One account of a plan and, once applied, its outbox state. */
    public record Item(
            long id,
            @JsonProperty("account_key") String accountKey,
            @JsonProperty("account_name") String accountName,
            Optional<String> domain,
            int score,
            String action,
            String reason,
            @JsonProperty("beton_key") String betonKey,
            @JsonProperty("company_record_id") Optional<String> companyRecordId,
            @JsonProperty("deal_record_id") Optional<String> dealRecordId,
            List<Change> diff,
            String state,
            int attempts,
            @JsonProperty("next_attempt_at") Optional<Instant> nextAttemptAt,
            @JsonProperty("last_error") Optional<String> lastError,
            Optional<String> outcome) {}

    /** One attribute the item would write: its value in Attio now (empty for a new deal) and after. */
    public record Change(String attribute, String before, String after) {}
}
