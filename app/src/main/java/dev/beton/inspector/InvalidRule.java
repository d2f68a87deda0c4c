package dev.beton.inspector;

import java.util.List;
import java.util.stream.Collectors;

/** A rule that cannot be stored or run, with every problem found. */
public final class InvalidRule extends RuntimeException {

    private final transient List<RuleProblem> problems;

    InvalidRule(List<RuleProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining(" ")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
