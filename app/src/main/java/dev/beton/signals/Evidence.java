package dev.beton.signals;

import java.util.List;

/**
 * Why a signal fired, in words a RevOps analyst can check against PostHog, plus the numbers behind
 * it.
 *
 * @param summary e.g. "4 pricing visits in 7 days: /pricing ×3, /pricing/enterprise ×1"
 * @param facts named values in a stable order, e.g. {@code visits=4}, {@code threshold=2}
 */
public record Evidence(String summary, List<Fact> facts) {

    public Evidence {
        facts = List.copyOf(facts);
    }

    public record Fact(String name, String value) {}

    Evidence with(String name, Object value) {
        List<Fact> more = new java.util.ArrayList<>(facts);
        more.add(new Fact(name, String.valueOf(value)));
        return new Evidence(summary, more);
    }
}
