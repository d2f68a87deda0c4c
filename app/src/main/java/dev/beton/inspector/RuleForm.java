package dev.beton.inspector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rule editor's fields as typed: numbers and lists as text, so that a typo comes back as a
 * sentence next to the form instead of a binding error. Event names are comma-separated, property
 * filters one {@code key=value} per line.
 */
public record RuleForm(
        String name,
        String description,
        String level,
        String timeWindowDays,
        String eventNames,
        String minEventCount,
        String minDistinctEvents,
        String minActiveDays,
        String maxDaysSinceLastEvent,
        String propertyFilters,
        String minActiveUsers,
        String minAccountEvents,
        String eventCountWeight,
        String activeDaysWeight,
        String recencyWeight) {

    static RuleForm of(InspectionRule rule) {
        InspectionRule.Conditions c = rule.conditions();
        return new RuleForm(
                rule.name(),
                rule.description(),
                rule.level() == null ? "user" : rule.level().key(),
                text(rule.timeWindowDays()),
                String.join(", ", c.events()),
                text(c.minEventCount()),
                text(c.minDistinctEvents()),
                text(c.minActiveDays()),
                text(c.maxDaysSinceLastEvent()),
                c.filters().entrySet().stream()
                        .map(e -> e.getKey() + "=" + RuleCompiler.text(e.getValue()))
                        .collect(Collectors.joining("\n")),
                text(c.minActiveUsers()),
                text(c.minAccountEvents()),
                number(rule.scoringWeights().eventCountWeight()),
                number(rule.scoringWeights().activeDaysWeight()),
                number(rule.scoringWeights().recencyWeight()));
    }

    static RuleForm blank() {
        return of(new InspectionRule("", "", InspectionRule.Level.USER, 30, null, null));
    }

    /** The rule this form describes; @throws InvalidRule naming every field that is wrong */
    InspectionRule toRule() {
        List<RuleProblem> problems = new ArrayList<>();
        InspectionRule.Level parsedLevel = InspectionRule.Level.parse(level).orElse(null);
        Integer window = integer(problems, "time_window_days", timeWindowDays);
        Map<String, Object> filters = new LinkedHashMap<>();
        for (String line : (propertyFilters == null ? "" : propertyFilters).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problems.add(new RuleProblem(
                        "conditions.event_property_filters",
                        "Write each filter as key=value: \"" + line.strip() + "\"."));
            } else {
                filters.put(
                        line.substring(0, equals).strip(),
                        line.substring(equals + 1).strip());
            }
        }
        List<String> events = Arrays.stream((eventNames == null ? "" : eventNames).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        InspectionRule.Conditions conditions = new InspectionRule.Conditions(
                events.isEmpty() ? null : events,
                integer(problems, "conditions.min_event_count", minEventCount),
                integer(problems, "conditions.min_distinct_events", minDistinctEvents),
                integer(problems, "conditions.min_active_days", minActiveDays),
                integer(problems, "conditions.max_days_since_last_event", maxDaysSinceLastEvent),
                filters.isEmpty() ? null : filters,
                integer(problems, "conditions.min_active_users", minActiveUsers),
                integer(problems, "conditions.min_account_events", minAccountEvents));
        InspectionRule.Weights weights = new InspectionRule.Weights(
                decimal(problems, "scoring_weights.event_count_weight", eventCountWeight),
                decimal(problems, "scoring_weights.active_days_weight", activeDaysWeight),
                decimal(problems, "scoring_weights.recency_weight", recencyWeight));
        InspectionRule rule =
                new InspectionRule(name == null ? "" : name, description, parsedLevel, window, conditions, weights);
        problems.addAll(rule.problems());
        if (!problems.isEmpty()) {
            throw new InvalidRule(problems);
        }
        return rule.normalised();
    }

    private static Integer integer(List<RuleProblem> problems, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new RuleProblem(field, "A whole number, not \"" + text.strip() + "\"."));
            return null;
        }
    }

    private static Double decimal(List<RuleProblem> problems, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new RuleProblem(field, "A number, not \"" + text.strip() + "\"."));
            return null;
        }
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value);
    }
}
