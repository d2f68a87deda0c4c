package dev.beton.inspector;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.query.ResultRows;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of a punch list: a user or an account that meets the rule, with seed 003's columns for
 * its level (the other level's columns are null and left out of the JSON) and its score.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
        int rank,
        double score,
        @JsonProperty("user_id") String userId,
        String email,
        @JsonProperty("account_id") String accountId,
        String name,
        String domain,
        String segment,
        Double arr,
        @JsonProperty("event_count") long eventCount,
        @JsonProperty("distinct_events") Long distinctEvents,
        @JsonProperty("active_users") Long activeUsers,
        @JsonProperty("active_days") long activeDays,
        @JsonProperty("days_since_last_event") long daysSinceLastEvent,
        @JsonProperty("last_seen") Instant lastSeen) {

    /** The entity this finding is about: the user's distinct id or the account's key. */
    public String entityId() {
        return userId != null ? userId : accountId;
    }

    Finding ranked(int newRank) {
        return new Finding(
                newRank,
                score,
                userId,
                email,
                accountId,
                name,
                domain,
                segment,
                arr,
                eventCount,
                distinctEvents,
                activeUsers,
                activeDays,
                daysSinceLastEvent,
                lastSeen);
    }

    /** Reads one row of a compiled rule's query and scores it (unranked until the list is sorted). */
    public static Finding of(ResultRows.Row row, InspectionRule rule) {
        long events = row.count(RuleCompiler.EVENT_COUNT);
        long activeDays = row.count(RuleCompiler.ACTIVE_DAYS);
        long daysSince = row.count(RuleCompiler.DAYS_SINCE_LAST_EVENT);
        double score = round(rule.scoringWeights().score(events, activeDays, daysSince));
        String entity = row.requiredText(RuleCompiler.ENTITY);
        Instant lastSeen = row.instant(RuleCompiler.LAST_SEEN).orElse(null);
        if (rule.level() == InspectionRule.Level.ACCOUNT) {
            return new Finding(
                    0,
                    score,
                    null,
                    null,
                    entity,
                    row.text(RuleCompiler.NAME).orElse(null),
                    row.text(RuleCompiler.DOMAIN).orElse(null),
                    // Beton's demo and PostHog setups usually keep the plan, not a "segment".
                    row.text(RuleCompiler.SEGMENT)
                            .or(() -> row.text(RuleCompiler.PLAN))
                            .orElse(null),
                    arr(row),
                    events,
                    null,
                    row.count(RuleCompiler.ACTIVE_USERS),
                    activeDays,
                    daysSince,
                    lastSeen);
        }
        return new Finding(
                0,
                score,
                entity,
                row.text(RuleCompiler.EMAIL).orElse(null),
                null,
                row.text(RuleCompiler.NAME).orElse(null),
                null,
                null,
                null,
                events,
                row.count(RuleCompiler.DISTINCT_EVENTS),
                null,
                activeDays,
                daysSince,
                lastSeen);
    }

    /** {@code arr} when the account has one, else twelve times its {@code mrr}. */
    private static Double arr(ResultRows.Row row) {
        Optional<Double> arr = number(row, RuleCompiler.ARR);
        return arr.or(() -> number(row, RuleCompiler.MRR).map(mrr -> mrr * 12)).orElse(null);
    }

    /** Group properties arrive as text; one that is not a number is no ARR rather than an error. */
    private static Optional<Double> number(ResultRows.Row row, String column) {
        try {
            return row.number(column).filter(Double::isFinite);
        } catch (IllegalArgumentException notANumber) {
            return Optional.empty();
        }
    }

    static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }
}
