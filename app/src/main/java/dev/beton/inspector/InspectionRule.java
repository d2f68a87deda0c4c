package dev.beton.inspector;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.beton.query.PropertyName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An inspection rule in seed 003's shape: who qualifies (user or account level, a time window,
 * conditions) and how findings are ranked (three weights). The JSON of a rule is exactly this
 * record, snake_case as in the seed, so a rule exported from Beton imports anywhere that reads the
 * seed's format and back.
 */
public record InspectionRule(
        String name,
        String description,
        Level level,
        @JsonProperty("time_window_days") Integer timeWindowDays,
        Conditions conditions,
        @JsonProperty("scoring_weights") Weights scoringWeights) {

    /** The longest window a rule may look back: the embedded store keeps years, PostHog's budget does not. */
    static final int MAX_WINDOW_DAYS = 3650;

    static final int MAX_NAME = 120;

    public InspectionRule {
        description = description == null ? "" : description;
        conditions = conditions == null ? Conditions.NONE : conditions;
        scoringWeights = scoringWeights == null ? Weights.DEFAULT : scoringWeights;
    }

    /** Whether a finding is a person ({@code distinct_id}) or an account (the company group). */
    public enum Level {
        USER,
        ACCOUNT;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Case-insensitive; empty for anything but "user" and "account". */
        public static Optional<Level> parse(String text) {
            for (Level level : values()) {
                if (level.key().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return Optional.of(level);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Every condition is optional; the ones given must all hold (AND). {@code eventNames} match with
     * OR; {@code eventPropertyFilters} must all match (AND), comparing the property's text.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conditions(
            @JsonProperty("event_names") List<String> eventNames,
            @JsonProperty("min_event_count") Integer minEventCount,
            @JsonProperty("min_distinct_events") Integer minDistinctEvents,
            @JsonProperty("min_active_days") Integer minActiveDays,
            @JsonProperty("max_days_since_last_event") Integer maxDaysSinceLastEvent,
            @JsonProperty("event_property_filters") Map<String, Object> eventPropertyFilters,
            @JsonProperty("min_active_users") Integer minActiveUsers,
            @JsonProperty("min_account_events") Integer minAccountEvents) {

        static final Conditions NONE = new Conditions(null, null, null, null, null, null, null, null);

        public Conditions {
            eventNames = eventNames == null ? null : List.copyOf(eventNames);
            eventPropertyFilters = eventPropertyFilters == null
                    ? null
                    : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(eventPropertyFilters));
        }

        List<String> events() {
            return eventNames == null ? List.of() : eventNames;
        }

        Map<String, Object> filters() {
            return eventPropertyFilters == null ? Map.of() : eventPropertyFilters;
        }
    }

    /** {@code score = w1·ln(1 + event_count) + w2·active_days + w3·days_since_last_event}. */
    public record Weights(
            @JsonProperty("event_count_weight") Double eventCountWeight,
            @JsonProperty("active_days_weight") Double activeDaysWeight,
            @JsonProperty("recency_weight") Double recencyWeight) {

        /** A weight left out takes the seed's default for it. */
        public Weights {
            eventCountWeight = eventCountWeight == null ? 1.0 : eventCountWeight;
            activeDaysWeight = activeDaysWeight == null ? 2.0 : activeDaysWeight;
            recencyWeight = recencyWeight == null ? -0.5 : recencyWeight;
        }

        /** The seed's defaults: recency is negative, so stale entities rank lower. */
        static final Weights DEFAULT = new Weights(1.0, 2.0, -0.5);

        double score(long eventCount, long activeDays, long daysSinceLastEvent) {
            return eventCountWeight * Math.log1p(eventCount)
                    + activeDaysWeight * activeDays
                    + recencyWeight * daysSinceLastEvent;
        }
    }

    /** What is wrong with this rule, each problem naming its field; empty when it can be compiled. */
    List<RuleProblem> problems() {
        List<RuleProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new RuleProblem("name", "A rule needs a name."));
        } else if (name.strip().length() > MAX_NAME) {
            problems.add(new RuleProblem("name", "A rule's name has at most " + MAX_NAME + " characters."));
        }
        if (level == null) {
            problems.add(new RuleProblem("level", "The level is \"user\" or \"account\"."));
        }
        if (timeWindowDays == null || timeWindowDays < 1 || timeWindowDays > MAX_WINDOW_DAYS) {
            problems.add(new RuleProblem(
                    "time_window_days", "The time window is a number of days from 1 to " + MAX_WINDOW_DAYS + "."));
        }
        List<String> events = conditions.events();
        if (events.size() > 100) {
            problems.add(new RuleProblem("conditions.event_names", "A rule names at most 100 events."));
        }
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (event == null || event.isBlank() || event.length() > 200) {
                problems.add(
                        new RuleProblem("conditions.event_names[" + i + "]", "Event names are 1 to 200 characters."));
            }
        }
        atLeastZero(problems, "min_event_count", conditions.minEventCount());
        atLeastZero(problems, "min_distinct_events", conditions.minDistinctEvents());
        atLeastZero(problems, "min_active_days", conditions.minActiveDays());
        atLeastZero(problems, "max_days_since_last_event", conditions.maxDaysSinceLastEvent());
        atLeastZero(problems, "min_active_users", conditions.minActiveUsers());
        atLeastZero(problems, "min_account_events", conditions.minAccountEvents());
        if (level == Level.USER) {
            if (conditions.minActiveUsers() != null) {
                problems.add(new RuleProblem(
                        "conditions.min_active_users", "Active users are a condition of account-level rules only."));
            }
            if (conditions.minAccountEvents() != null) {
                problems.add(new RuleProblem(
                        "conditions.min_account_events",
                        "Account events are a condition of account-level rules only."));
            }
        }
        if (conditions.filters().size() > 20) {
            problems.add(
                    new RuleProblem("conditions.event_property_filters", "A rule has at most 20 property filters."));
        }
        conditions.filters().forEach((key, value) -> {
            String field = "conditions.event_property_filters." + key;
            try {
                PropertyName.of(key);
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(field, "Not a property name: " + e.getMessage()));
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                problems.add(new RuleProblem(field, "A property filter compares with one text, number or boolean."));
            } else if (value.toString().length() > 500) {
                problems.add(new RuleProblem(field, "A property filter's value has at most 500 characters."));
            }
        });
        weight(problems, "event_count_weight", scoringWeights.eventCountWeight());
        weight(problems, "active_days_weight", scoringWeights.activeDaysWeight());
        weight(problems, "recency_weight", scoringWeights.recencyWeight());
        return problems;
    }

    private static void atLeastZero(List<RuleProblem> problems, String field, Integer value) {
        if (value != null && value < 0) {
            problems.add(new RuleProblem("conditions." + field, "Must be zero or more."));
        }
    }

    private static void weight(List<RuleProblem> problems, String field, double value) {
        if (!Double.isFinite(value) || Math.abs(value) > 1_000_000) {
            problems.add(new RuleProblem("scoring_weights." + field, "A weight is a number between -1e6 and 1e6."));
        }
    }

    /** The same rule with its name stripped, as it is stored. */
    InspectionRule normalised() {
        return new InspectionRule(name.strip(), description.strip(), level, timeWindowDays, conditions, scoringWeights);
    }
}
