package dev.beton.inspector;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.query.RenderedQuery;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What a run of a rule found as of an instant: the SQL it sent, summary metrics and the findings
 * ranked by score (highest first; ties by event count, then id, so a run is reproducible).
 *
 * @param source where it ran: "the embedded store", "PostHog project 12 at …"
 * @param parameters the values bound to the SQL's placeholders
 */
public record PunchList(
        @JsonProperty("rule_id") long ruleId,
        @JsonProperty("rule_version") int ruleVersion,
        @JsonProperty("rule_name") String ruleName,
        InspectionRule.Level level,
        String dialect,
        String source,
        @JsonProperty("as_of") Instant asOf,
        String sql,
        Map<String, Object> parameters,
        Summary summary,
        List<Finding> findings) {

    public PunchList {
        parameters = Map.copyOf(parameters);
        findings = List.copyOf(findings);
    }

    /** Figures over all findings of the run (not only those a filter shows). */
    public record Summary(
            int findings,
            @JsonProperty("total_events") long totalEvents,
            @JsonProperty("average_score") double averageScore,
            @JsonProperty("top_score") double topScore,
            @JsonProperty("average_active_days") double averageActiveDays,
            @JsonProperty("active_last_7_days") int activeLast7Days,
            @JsonProperty("truncated") boolean truncated) {

        static Summary of(List<Finding> findings) {
            return new Summary(
                    findings.size(),
                    findings.stream().mapToLong(Finding::eventCount).sum(),
                    Finding.round(findings.stream()
                            .mapToDouble(Finding::score)
                            .average()
                            .orElse(0)),
                    findings.stream().mapToDouble(Finding::score).max().orElse(0),
                    Finding.round(findings.stream()
                            .mapToLong(Finding::activeDays)
                            .average()
                            .orElse(0)),
                    (int) findings.stream()
                            .filter(f -> f.daysSinceLastEvent() <= 7)
                            .count(),
                    findings.size() >= RuleCompiler.MAX_FINDINGS);
        }
    }

    static PunchList of(StoredRule rule, RenderedQuery query, String source, Instant asOf, List<Finding> unranked) {
        List<Finding> sorted = unranked.stream()
                .sorted(Comparator.comparingDouble(Finding::score)
                        .reversed()
                        .thenComparing(
                                Comparator.comparingLong(Finding::eventCount).reversed())
                        .thenComparing(Finding::entityId))
                .toList();
        List<Finding> ranked = IntStream.range(0, sorted.size())
                .mapToObj(i -> sorted.get(i).ranked(i + 1))
                .toList();
        return new PunchList(
                rule.id(),
                rule.version(),
                rule.rule().name(),
                rule.rule().level(),
                query.dialect().name().toLowerCase(Locale.ROOT),
                source,
                asOf,
                query.sql(),
                query.namedValues(),
                Summary.of(ranked),
                ranked);
    }

    /**
     * The findings a person asked to see: those whose text columns contain {@code filter}
     * (case-insensitive; blank shows all), sorted by one column. The summary stays the run's.
     */
    public PunchList view(String filter, PunchListColumn sort, boolean descending) {
        String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        List<Finding> shown = findings.stream()
                .filter(f -> needle.isEmpty() || matches(f, needle))
                .sorted(sort.order(descending))
                .toList();
        return new PunchList(
                ruleId, ruleVersion, ruleName, level, dialect, source, asOf, sql, parameters, summary, shown);
    }

    private boolean matches(Finding finding, String needle) {
        return PunchListColumn.of(level).stream()
                .filter(PunchListColumn::text)
                .map(c -> c.format(finding).toLowerCase(Locale.ROOT))
                .anyMatch(text -> text.contains(needle));
    }
}
