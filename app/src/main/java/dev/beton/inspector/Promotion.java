package dev.beton.inspector;

import java.time.Instant;

/**
 * A rule promoted to a custom signal type, as the API and pages show it.
 *
 * @param signalKey the type's key, {@code rule_<rule id>}: in receipts, events and the deal's {@code pql_signals}
 * @param label what people read: the rule's current name
 * @param enabled off by default; only an enabled promotion is detected, scored, routed and backtested
 * @param definition what receipts name, {@code rule:<id>@<current version>}
 * @param promotedBy the email of who promoted it, when a person did
 */
public record Promotion(
        long ruleId,
        String signalKey,
        String label,
        int ruleVersion,
        int baseScore,
        boolean enabled,
        int cooldownDays,
        Instant promotedAt,
        String promotedBy,
        String definition) {}
