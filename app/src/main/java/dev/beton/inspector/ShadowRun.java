package dev.beton.inspector;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A rule's current version run next to its previous one as of the same instant: who enters the
 * punch list with the change, who leaves it, and how many stay. Nothing is stored; it answers
 * "what would this edit do" before anyone acts on the new list.
 */
public record ShadowRun(
        @JsonProperty("current_version") int currentVersion,
        @JsonProperty("previous_version") int previousVersion,
        PunchList current,
        PunchList previous,
        List<Finding> entering,
        List<Finding> leaving,
        int staying) {

    static ShadowRun of(PunchList current, PunchList previous) {
        Map<String, Finding> now = byEntity(current.findings());
        Map<String, Finding> before = byEntity(previous.findings());
        List<Finding> entering = current.findings().stream()
                .filter(f -> !before.containsKey(f.entityId()))
                .toList();
        List<Finding> leaving = previous.findings().stream()
                .filter(f -> !now.containsKey(f.entityId()))
                .toList();
        int staying = (int) current.findings().stream()
                .filter(f -> before.containsKey(f.entityId()))
                .count();
        return new ShadowRun(
                current.ruleVersion(), previous.ruleVersion(), current, previous, entering, leaving, staying);
    }

    private static Map<String, Finding> byEntity(List<Finding> findings) {
        return findings.stream().collect(Collectors.toMap(Finding::entityId, Function.identity(), (a, b) -> a));
    }
}
