package dev.beton.signals;

import dev.beton.query.Query;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A custom signal type as a catalog runs it: an account-level inspection rule that a workspace
 * promoted, with the base score and cooldown of the promotion. Every account on the rule's punch
 * list as of an instant fires it; there is no threshold. The signals package does not know rules:
 * the inspector hands over the compiled query and the reading of its rows.
 *
 * @param type a custom type ({@code rule_<id>}), never a built-in
 * @param ruleVersion the rule's current version; receipts name {@code rule:<id>@<version>}
 * @param description what the rule asks, for people reading the run's queries
 * @param query the rule compiled for a company group type index (0–4)
 * @param reader one row of the query's result as a measured account, empty to skip the row
 */
public record CustomSignal(
        SignalType type,
        long ruleId,
        int ruleVersion,
        String description,
        int baseScore,
        Duration cooldown,
        List<TimeWindow> windows,
        IntFunction<Query> query,
        Reader reader) {

    /** Reads one row of the rule's result. */
    @FunctionalInterface
    public interface Reader {
        Optional<Reading> read(ResultRows.Row row, Instant asOf);
    }

    /**
     * @param measure the rule's score for the account: what ranks it, not what makes it fire
     */
    public record Reading(String accountKey, double measure, Evidence evidence) {}

    public CustomSignal {
        Objects.requireNonNull(type, "type");
        if (type.isBuiltIn()) {
            throw new IllegalArgumentException(type.key() + " is a built-in signal, not a custom one");
        }
        if (ruleVersion < 1) {
            throw new IllegalArgumentException("A rule version is 1 or more, got " + ruleVersion);
        }
        if (baseScore < 1 || baseScore > 50) {
            throw new IllegalArgumentException("A custom signal's base score is 1 to 50, got " + baseScore);
        }
        if (cooldown.isNegative() || cooldown.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException("A cooldown is 0 to 365 days, got " + cooldown);
        }
        windows = List.copyOf(windows);
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(reader, "reader");
    }

    /** {@code rule:<id>}: how receipts and run histories name the definition. */
    public String definitionId() {
        return "rule:" + ruleId;
    }

    public String reference() {
        return definitionId() + "@" + ruleVersion;
    }
}
