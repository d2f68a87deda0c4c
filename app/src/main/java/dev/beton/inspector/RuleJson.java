package dev.beton.inspector;

import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes rules in seed 003's JSON. Parsing is strict (unknown fields are refused), and a
 * value of the wrong type is reported with the field it was found in, so an import that fails says
 * where.
 */
public final class RuleJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private RuleJson() {}

    /** A rule from JSON, checked: every problem names its field. */
    public static InspectionRule parse(String json) {
        InspectionRule rule = read(json);
        List<RuleProblem> problems = rule.problems();
        if (!problems.isEmpty()) {
            throw new InvalidRule(problems);
        }
        return rule.normalised();
    }

    /** A rule from JSON without the checks, for reading back what was stored. */
    static InspectionRule read(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidRule(List.of(new RuleProblem("", "The body is a rule in JSON.")));
        }
        try {
            InspectionRule rule = MAPPER.readValue(json, InspectionRule.class);
            if (rule == null) {
                throw new InvalidRule(List.of(new RuleProblem("", "The body is a rule in JSON.")));
            }
            return rule;
        } catch (JacksonException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            String what = e.getPath().isEmpty() ? "Not a rule in JSON." : "Not a valid value here.";
            String detail = e.getOriginalMessage() == null ? "" : " (" + firstLine(e.getOriginalMessage()) + ")";
            throw new InvalidRule(List.of(new RuleProblem(field, what + detail)));
        }
    }

    public static String write(InspectionRule rule) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rule);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
