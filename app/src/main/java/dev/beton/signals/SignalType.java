package dev.beton.signals;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A kind of product-qualified-lead signal. The eight of PRD 001 are the constants below, with their
 * default base score, threshold and cooldown; the threshold's unit and direction belong to the type
 * (see {@link #thresholdMeaning()}). A workspace may add custom types by promoting an inspection
 * rule ({@link #custom}): those have keys {@code rule_<id>}, no threshold (an account on the rule's
 * punch list fires) and are never among the defaults.
 *
 * <p>Not an enum because custom types are made at run time. Two types are equal when their keys
 * are; built-ins sort in the PRD's order, custom types after them by key.
 */
public final class SignalType implements Comparable<SignalType> {

    public static final SignalType USAGE_SPIKE = builtIn(
            0, "usage_spike", 25, 50, Rule.MORE_THAN, 1, 1000, "week-over-week growth of events, in percent", 7);
    public static final SignalType PRICING_INTENT =
            builtIn(1, "pricing_intent", 30, 2, Rule.AT_LEAST, 1, 1000, "pricing page views in the last 7 days", 7);
    public static final SignalType FEATURE_ADOPTION =
            builtIn(2, "feature_adoption", 20, 3, Rule.AT_LEAST, 1, 100, "features first used in the last 7 days", 7);
    public static final SignalType LIMIT_APPROACHING = builtIn(
            3, "limit_approaching", 35, 80, Rule.MORE_THAN, 1, 100, "plan usage, in percent of the plan limit", 14);
    public static final SignalType TRIAL_EXPIRING =
            builtIn(4, "trial_expiring", 30, 7, Rule.LESS_THAN, 1, 90, "days left until the trial ends", 14);
    public static final SignalType TEAM_GROWTH =
            builtIn(5, "team_growth", 25, 2, Rule.AT_LEAST, 1, 1000, "new users in the last 7 days", 7);
    public static final SignalType SUPPORT_ENGAGEMENT = builtIn(
            6, "support_engagement", 15, 3, Rule.AT_LEAST, 1, 1000, "support interactions in the last 7 days", 7);
    public static final SignalType BILLING_INTENT = builtIn(
            7, "billing_intent", 40, 1, Rule.AT_LEAST, 1, 1000, "checkout or upgrade events in the last 7 days", 7);

    private static final List<SignalType> BUILT_INS = List.of(
            USAGE_SPIKE,
            PRICING_INTENT,
            FEATURE_ADOPTION,
            LIMIT_APPROACHING,
            TRIAL_EXPIRING,
            TEAM_GROWTH,
            SUPPORT_ENGAGEMENT,
            BILLING_INTENT);

    /** The prefix of every custom type's key; no built-in key starts with it. */
    public static final String CUSTOM_PREFIX = "rule_";

    private static final Pattern CUSTOM_KEY = Pattern.compile("rule_[a-z0-9_]{1,27}");

    /** Custom types are not tuned on the settings page: their cooldown is stored with the promotion. */
    public static final int DEFAULT_CUSTOM_COOLDOWN_DAYS = 7;

    /** How a measure is compared with the threshold. */
    enum Rule {
        AT_LEAST,
        MORE_THAN,
        LESS_THAN,
        /** Custom types: being on the rule's punch list is the condition; the measure only ranks. */
        ON_PUNCH_LIST
    }

    /** Built-ins' position in the PRD's order; custom types have none and sort after them. */
    private final int order;

    private final String key;
    private final String label;
    private final int defaultBaseScore;
    private final int defaultThreshold;
    private final Rule rule;
    private final int minThreshold;
    private final int maxThreshold;
    private final String measure;
    private final Duration defaultCooldown;

    private SignalType(
            int order,
            String key,
            String label,
            int defaultBaseScore,
            int defaultThreshold,
            Rule rule,
            int minThreshold,
            int maxThreshold,
            String measure,
            int cooldownDays) {
        this.order = order;
        this.key = key;
        this.label = label;
        this.defaultBaseScore = defaultBaseScore;
        this.defaultThreshold = defaultThreshold;
        this.rule = rule;
        this.minThreshold = minThreshold;
        this.maxThreshold = maxThreshold;
        this.measure = measure;
        this.defaultCooldown = Duration.ofDays(cooldownDays);
    }

    private static SignalType builtIn(
            int order,
            String key,
            int defaultBaseScore,
            int defaultThreshold,
            Rule rule,
            int minThreshold,
            int maxThreshold,
            String measure,
            int cooldownDays) {
        return new SignalType(
                order,
                key,
                key,
                defaultBaseScore,
                defaultThreshold,
                rule,
                minThreshold,
                maxThreshold,
                measure,
                cooldownDays);
    }

    /** The eight PRD signal types, in the PRD's order: the defaults, and the ones a workspace tunes. */
    public static List<SignalType> builtIns() {
        return BUILT_INS;
    }

    /**
     * A custom type for a promoted inspection rule.
     *
     * @param key {@code rule_} followed by 1–27 of a–z, 0–9 and _, e.g. {@code rule_12}
     * @param label what people read, e.g. the rule's name; blank means the key
     * @param baseScore the points it carries, 1–50 (the promotion's range)
     * @throws IllegalArgumentException for a key or base score outside those ranges
     */
    public static SignalType custom(String key, String label, int baseScore) {
        requireCustomKey(key);
        if (baseScore < 1 || baseScore > 50) {
            throw new IllegalArgumentException("A custom signal's base score is 1 to 50, got " + baseScore);
        }
        String shown = label == null || label.isBlank() ? key : label.strip();
        return new SignalType(
                Integer.MAX_VALUE,
                key,
                shown,
                baseScore,
                0,
                Rule.ON_PUNCH_LIST,
                0,
                0,
                "being on the rule's punch list",
                DEFAULT_CUSTOM_COOLDOWN_DAYS);
    }

    /** The key of the custom type of rule {@code ruleId}: {@code rule_<id>}, stable across renames. */
    public static String customKey(long ruleId) {
        if (ruleId < 1) {
            throw new IllegalArgumentException("A rule id is positive, got " + ruleId);
        }
        return CUSTOM_PREFIX + ruleId;
    }

    /** The snake_case name used in events, JSON and APIs, e.g. {@code pricing_intent} or {@code rule_12}. */
    @JsonValue
    public String key() {
        return key;
    }

    /**
     * The built-in with this key, or a custom type for a {@code rule_*} key. A custom type read
     * back this way (a stored receipt, an old firing) knows only its key: its label is the key and
     * its default base score 1; the points it scored are on the stored line, not taken from here.
     *
     * @throws IllegalArgumentException for any other key
     */
    @JsonCreator
    public static SignalType fromKey(String key) {
        for (SignalType type : BUILT_INS) {
            if (type.key.equals(key)) {
                return type;
            }
        }
        if (key != null && CUSTOM_KEY.matcher(key).matches()) {
            return custom(key, key, 1);
        }
        throw new IllegalArgumentException("Unknown signal type " + key);
    }

    private static void requireCustomKey(String key) {
        if (key == null || !CUSTOM_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "A custom signal's key is \"rule_\" and 1 to 27 of a-z, 0-9 and _, got " + key);
        }
    }

    public boolean isBuiltIn() {
        return order != Integer.MAX_VALUE;
    }

    /** What people read: the key for a built-in (as the PRD names them), the rule's name for a custom type. */
    public String label() {
        return label;
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
                    case ON_PUNCH_LIST -> null;
                };
        if (comparison == null) {
            return "fires when the account is on the rule's punch list (no threshold)";
        }
        return "fires when " + measure + " " + comparison + " the threshold";
    }

    /** Whether {@code measure} crosses {@code threshold} in this type's direction; always for custom types. */
    public boolean passes(double measure, int threshold) {
        return switch (rule) {
            case AT_LEAST -> measure >= threshold;
            case MORE_THAN -> measure > threshold;
            case LESS_THAN -> measure < threshold;
            case ON_PUNCH_LIST -> true;
        };
    }

    @Override
    public int compareTo(SignalType other) {
        int byOrder = Integer.compare(order, other.order);
        return byOrder != 0 ? byOrder : key.compareTo(other.key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignalType type && type.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** Upper-case key: what the enum's constant names were, for logs and messages written before. */
    @Override
    public String toString() {
        return key.toUpperCase(Locale.ROOT);
    }
}
