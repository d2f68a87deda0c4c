package dev.beton.signals;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Arrays;

/**
 * The eight product-qualified-lead signals (PRD 001), with their default base score, threshold and
 * cooldown. The threshold's unit and direction belong to the type: see {@link #thresholdMeaning()}.
 */
public enum SignalType {
    USAGE_SPIKE("usage_spike", 25, 50, Rule.MORE_THAN, 1, 1000, "week-over-week growth of events, in percent", 7),
    PRICING_INTENT("pricing_intent", 30, 2, Rule.AT_LEAST, 1, 1000, "pricing page views in the last 7 days", 7),
    FEATURE_ADOPTION("feature_adoption", 20, 3, Rule.AT_LEAST, 1, 100, "features first used in the last 7 days", 7),
    LIMIT_APPROACHING(
            "limit_approaching", 35, 80, Rule.MORE_THAN, 1, 100, "plan usage, in percent of the plan limit", 14),
    TRIAL_EXPIRING("trial_expiring", 30, 7, Rule.LESS_THAN, 1, 90, "days left until the trial ends", 14),
    TEAM_GROWTH("team_growth", 25, 2, Rule.AT_LEAST, 1, 1000, "new users in the last 7 days", 7),
    SUPPORT_ENGAGEMENT(
            "support_engagement", 15, 3, Rule.AT_LEAST, 1, 1000, "support interactions in the last 7 days", 7),
    BILLING_INTENT("billing_intent", 40, 1, Rule.AT_LEAST, 1, 1000, "checkout or upgrade events in the last 7 days", 7);

    /** How a measure is compared with the threshold. */
    enum Rule {
        AT_LEAST,
        MORE_THAN,
        LESS_THAN
    }

    private final String key;
    private final int defaultBaseScore;
    private final int defaultThreshold;
    private final Rule rule;
    private final int minThreshold;
    private final int maxThreshold;
    private final String measure;
    private final Duration defaultCooldown;

    SignalType(
            String key,
            int defaultBaseScore,
            int defaultThreshold,
            Rule rule,
            int minThreshold,
            int maxThreshold,
            String measure,
            int cooldownDays) {
        this.key = key;
        this.defaultBaseScore = defaultBaseScore;
        this.defaultThreshold = defaultThreshold;
        this.rule = rule;
        this.minThreshold = minThreshold;
        this.maxThreshold = maxThreshold;
        this.measure = measure;
        this.defaultCooldown = Duration.ofDays(cooldownDays);
    }

    /** The snake_case name used in events, JSON and APIs, e.g. {@code pricing_intent}. */
    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static SignalType fromKey(String key) {
        return Arrays.stream(values())
                .filter(t -> t.key.equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown signal type " + key));
    }

    public int defaultBaseScore() {
        return defaultBaseScore;
    }

    public int defaultThreshold() {
        return defaultThreshold;
    }

    public Duration defaultCooldown() {
        return defaultCooldown;
    }

    public int minThreshold() {
        return minThreshold;
    }

    public int maxThreshold() {
        return maxThreshold;
    }

    /** E.g. "fires when pricing page views in the last 7 days is at least the threshold". */
    public String thresholdMeaning() {
        String comparison =
                switch (rule) {
                    case AT_LEAST -> "is at least";
                    case MORE_THAN -> "is more than";
                    case LESS_THAN -> "is less than";
                };
        return "fires when " + measure + " " + comparison + " the threshold";
    }

    /** Whether {@code measure} crosses {@code threshold} in this type's direction. */
    public boolean passes(double measure, int threshold) {
        return switch (rule) {
            case AT_LEAST -> measure >= threshold;
            case MORE_THAN -> measure > threshold;
            case LESS_THAN -> measure < threshold;
        };
    }
}
