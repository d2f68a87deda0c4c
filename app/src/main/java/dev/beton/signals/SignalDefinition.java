package dev.beton.signals;

import dev.beton.query.Query;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * One of the eight signals, or a promoted rule ({@link RuleSignal}): the query that measures it per account and the reading of the rows
 * that query returns. The threshold is applied by {@link SignalCatalog}, so every definition only
 * turns rows into measured candidates with their evidence.
 */
sealed interface SignalDefinition
        permits UsageSpike,
                PricingIntent,
                FeatureAdoption,
                LimitApproaching,
                TrialExpiring,
                TeamGrowth,
                EventCountSignal,
                RuleSignal {

    SignalType type();

    /** Bumped whenever the query or the reading of its rows changes. */
    int version();

    String description();

    List<TimeWindow> windows(SignalSettings settings);

    Query query(SignalSettings settings, int companyGroupIndex);

    /** Accounts that meet the definition's preconditions, with their measure; sorted by account. */
    List<Candidate> candidates(ResultRows rows, Instant asOf, SignalSettings settings);

    /**
     * As {@link #candidates(ResultRows, Instant, SignalSettings)}; {@code presentDayValues} lets a
     * definition that reads group properties fall back to their current values where nothing was
     * recorded before {@code asOf} (a live run only, never a past day).
     */
    default List<Candidate> candidates(
            ResultRows rows, Instant asOf, SignalSettings settings, boolean presentDayValues) {
        return candidates(rows, asOf, settings);
    }

    /**
     * An account that meets the preconditions, with its measure. The evidence is built when asked:
     * only a candidate that crosses the threshold needs it, while every candidate's measure is read
     * (a backtest's what-if curves measure every account on each of its 180 days, and building the
     * evidence text of each was about a third of the replay's evaluation).
     */
    record Candidate(String accountKey, double measure, Supplier<Evidence> evidence) {

        Candidate(String accountKey, double measure, Evidence evidence) {
            this(accountKey, measure, () -> evidence);
        }
    }

    static List<SignalDefinition> all() {
        return List.of(
                new UsageSpike(),
                new PricingIntent(),
                new FeatureAdoption(),
                new LimitApproaching(),
                new TrialExpiring(),
                new TeamGrowth(),
                EventCountSignal.supportEngagement(),
                EventCountSignal.billingIntent());
    }
}
