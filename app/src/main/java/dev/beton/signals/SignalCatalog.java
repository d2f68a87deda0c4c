package dev.beton.signals;

import dev.beton.query.Dialect;
import dev.beton.query.QueryDefinition;
import dev.beton.query.QueryLibrary;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The eight signal definitions specialised to one workspace: its validated {@link SignalSettings}
 * and the group type index of "company" (resolved per workspace, never assumed to be 0), plus the
 * workspace's enabled custom signals ({@link #withCustomSignals}), which run after the eight.
 *
 * <p>A detector asks for the {@link #queries(Instant, Dialect) queries} as of an instant, runs them
 * on the warehouse, and turns each result into {@link DetectedSignal}s with {@link
 * #evaluate(SignalQuery, ResultRows)}. Disabled signals are neither queried nor evaluated. All
 * lists are sorted (by signal type, then account key), so runs are reproducible.
 */
public final class SignalCatalog {

    static final String ID_PREFIX = "signal.";

    private final SignalSettings settings;
    private final int companyGroupIndex;
    private final List<SignalDefinition> enabled;
    private final QueryLibrary library;
    private final boolean presentDayValues;

    private final List<CustomSignal> custom;

    private SignalCatalog(
            SignalSettings settings, int companyGroupIndex, boolean presentDayValues, List<CustomSignal> custom) {
        this.settings = settings;
        this.presentDayValues = presentDayValues;
        this.companyGroupIndex = companyGroupIndex;
        this.custom = List.copyOf(custom);
        List<SignalDefinition> definitions = new ArrayList<>(SignalDefinition.all().stream()
                .filter(d -> settings.tuning(d.type()).enabled())
                .toList());
        this.custom.stream().map(RuleSignal::new).forEach(definitions::add);
        definitions.sort(Comparator.comparing(SignalDefinition::type));
        this.enabled = List.copyOf(definitions);
        // The library is the eight's: a rule's query is versioned by the rule, not by a golden file.
        this.library = QueryLibrary.of(enabled.stream()
                .filter(d -> !(d instanceof RuleSignal))
                .map(this::definition)
                .toList());
    }

    /**
     * @throws InvalidSignalSettings if the settings have errors
     * @throws IllegalArgumentException if the index is outside PostHog's 0–4
     */
    public static SignalCatalog of(SignalSettings settings, int companyGroupIndex) {
        if (companyGroupIndex < 0 || companyGroupIndex > 4) {
            throw new IllegalArgumentException("Company group type index must be 0-4, got " + companyGroupIndex);
        }
        return new SignalCatalog(settings.validated(), companyGroupIndex, false, List.of());
    }

    /**
     * The same catalog, but group properties with no {@code $groupidentify} before {@code asOf}
     * fall back to their current values, marked "present-day" in the evidence and the receipt.
     * Only for a run as of the present: for a past day the current values are data recorded after
     * it. A catalog from {@link #of} never does this, so a past day is replayed exactly.
     */
    public SignalCatalog withPresentDayValues() {
        return new SignalCatalog(settings, companyGroupIndex, true, custom);
    }

    /**
     * The same catalog with these custom signals (enabled promotions) run beside the eight, as
     * of the same instant, through the same cooldown and scorer.
     *
     * @throws IllegalArgumentException when two have the same type
     */
    public SignalCatalog withCustomSignals(List<CustomSignal> signals) {
        long distinct = signals.stream().map(CustomSignal::type).distinct().count();
        if (distinct != signals.size()) {
            throw new IllegalArgumentException("Two custom signals have the same type");
        }
        return new SignalCatalog(settings, companyGroupIndex, presentDayValues, signals);
    }

    public List<CustomSignal> customSignals() {
        return custom;
    }

    public boolean presentDayValues() {
        return presentDayValues;
    }

    public SignalSettings settings() {
        return settings;
    }

    public List<SignalType> enabledTypes() {
        return enabled.stream().map(SignalDefinition::type).toList();
    }

    /** The library queries of the enabled built-in signals, ids {@code signal.<type key>}. */
    public QueryLibrary library() {
        return library;
    }

    /** One rendered query per enabled signal, sorted by signal type. */
    public List<SignalQuery> queries(Instant asOf, Dialect dialect) {
        return enabled.stream().map(d -> query(d, asOf, dialect)).toList();
    }

    public SignalQuery query(SignalType type, Instant asOf, Dialect dialect) {
        return query(definitionOf(type), asOf, dialect);
    }

    /** The signals the rows of {@code query} show, sorted by account key. */
    public List<DetectedSignal> evaluate(SignalQuery query, ResultRows rows) {
        return evaluate(query.type(), rows, query.asOf());
    }

    /**
     * Reads the rows a signal's query returned as of {@code asOf} and keeps the accounts whose
     * measure crosses the signal's threshold.
     */
    public List<DetectedSignal> evaluate(SignalType type, ResultRows rows, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return detected(type, candidates(type, rows, asOf), asOf);
    }

    private List<SignalDefinition.Candidate> candidates(SignalType type, ResultRows rows, Instant asOf) {
        return definitionOf(type).candidates(rows, asOf, settings, presentDayValues);
    }

    private List<DetectedSignal> detected(SignalType type, List<SignalDefinition.Candidate> candidates, Instant asOf) {
        SignalDefinition definition = definitionOf(type);
        SignalSettings.SignalTuning tuning = tuningOf(definition);
        boolean custom = definition instanceof RuleSignal;
        List<TimeWindow.Resolved> windows =
                definition.windows(settings).stream().map(w -> w.resolve(asOf)).toList();
        return candidates.stream()
                .filter(c -> type.passes(c.measure(), tuning.threshold()))
                .sorted(Comparator.comparing(SignalDefinition.Candidate::accountKey))
                .map(c -> new DetectedSignal(
                        c.accountKey(),
                        type,
                        tuning.baseScore(),
                        asOf,
                        c.measure(),
                        tuning.threshold(),
                        custom ? c.evidence().get() : c.evidence().get().with("threshold", tuning.threshold()),
                        definitionId(definition),
                        definition.version(),
                        windows))
                .toList();
    }

    /** An account's measure for a signal, whether or not it crosses the threshold. */
    public record Measured(String accountKey, double measure) {}

    /**
     * Every account the rows of {@code type}'s query measure, before the threshold: what a backtest
     * needs to ask "what if the threshold were different" without running the query again.
     */
    public List<Measured> measures(SignalType type, ResultRows rows, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return measured(candidates(type, rows, asOf));
    }

    private static List<Measured> measured(List<SignalDefinition.Candidate> candidates) {
        return candidates.stream()
                .map(c -> new Measured(c.accountKey(), c.measure()))
                .sorted(Comparator.comparing(Measured::accountKey))
                .toList();
    }

    /** A run and, per signal whose query succeeded, every account's measure before the threshold. */
    public record MeasuredRun(SignalRun run, Map<SignalType, List<Measured>> measures) {}

    /**
     * {@link #run} plus {@link #measures} of every signal, from one evaluation of each query's rows
     * (a backtest evaluates 180 days in a row: building every candidate once instead of twice).
     */
    public MeasuredRun runMeasured(
            Instant asOf, Dialect dialect, QueryRunner runner, Map<CooldownKey, Instant> lastFired) {
        return runMeasured(asOf, dialect, Map.of(), runner, lastFired);
    }

    /**
     * {@link #runMeasured(Instant, Dialect, QueryRunner, Map)} where some signals' rows are known
     * already, as their queries would have returned them as of {@code asOf} (a backtest computes
     * 180 days of them from one scan per signal): those queries are neither rendered nor run; the
     * others run with {@code runner}.
     */
    public MeasuredRun runMeasured(
            Instant asOf,
            Dialect dialect,
            Map<SignalType, ResultRows> known,
            QueryRunner runner,
            Map<CooldownKey, Instant> lastFired) {
        Map<SignalType, List<Measured>> measures = new TreeMap<>();
        SignalRun run = run(asOf, dialect, known, runner, lastFired, measures);
        return new MeasuredRun(run, Collections.unmodifiableMap(measures));
    }

    /**
     * Detects, cools down and scores in one go: runs every enabled signal's query with {@code
     * runner}, evaluates the rows, applies the cooldown against {@code lastFired} and scores every
     * account that has signals. A signal whose query fails is recorded in {@link
     * SignalRun#failures()} and the others still run.
     *
     * @param lastFired last firing per (account, type), suppressions not counted
     */
    public SignalRun run(Instant asOf, Dialect dialect, QueryRunner runner, Map<CooldownKey, Instant> lastFired) {
        return run(asOf, dialect, Map.of(), runner, lastFired, null);
    }

    /** @param measures where to put each signal's measures, or null when nobody needs them */
    private SignalRun run(
            Instant asOf,
            Dialect dialect,
            Map<SignalType, ResultRows> known,
            QueryRunner runner,
            Map<CooldownKey, Instant> lastFired,
            Map<SignalType, List<Measured>> measures) {
        List<DetectedSignal> detected = new ArrayList<>();
        List<SignalRun.Failure> failures = new ArrayList<>();
        // Every query to run is rendered before any runs, as without known rows.
        Map<SignalType, SignalQuery> toRun = new HashMap<>();
        for (SignalDefinition definition : enabled) {
            if (!known.containsKey(definition.type())) {
                toRun.put(definition.type(), query(definition, asOf, dialect));
            }
        }
        for (SignalDefinition definition : enabled) {
            SignalType type = definition.type();
            SignalQuery query = toRun.get(type);
            try {
                ResultRows rows = query == null ? known.get(type) : runner.run(query.rendered());
                List<SignalDefinition.Candidate> candidates = candidates(type, rows, asOf);
                detected.addAll(detected(type, candidates, asOf));
                if (measures != null) {
                    measures.put(type, measured(candidates));
                }
            } catch (RuntimeException e) {
                failures.add(new SignalRun.Failure(type, definitionId(definition) + "@" + definition.version(), e));
            }
        }
        List<SignalOutcome> outcomes = CooldownPolicy.from(settings)
                .with(custom.stream().collect(Collectors.toMap(CustomSignal::type, CustomSignal::cooldown)))
                .apply(detected, lastFired);
        List<ScoreReceipt> receipts = Scorer.from(settings).scoreAll(asOf, outcomes);
        return new SignalRun(asOf, dialect, outcomes, receipts, failures);
    }

    private SignalQuery query(SignalDefinition definition, Instant asOf, Dialect dialect) {
        if (definition instanceof RuleSignal rule) {
            // Compiled with asOf like the eight: nothing recorded at or after it is read.
            RenderedQuery rendered = dialect.render(rule.query(settings, companyGroupIndex), asOf);
            return new SignalQuery(
                    rule.type(),
                    rule.custom().definitionId(),
                    rule.version(),
                    asOf,
                    new RenderedQuery(
                            rendered.dialect(),
                            rendered.sql(),
                            rendered.parameters(),
                            Optional.of(rule.custom().reference())));
        }
        QueryDefinition query = library.get(ID_PREFIX + definition.type().key());
        return new SignalQuery(definition.type(), query.id(), query.version(), asOf, query.render(dialect, asOf));
    }

    private QueryDefinition definition(SignalDefinition signal) {
        return new QueryDefinition(
                ID_PREFIX + signal.type().key(),
                signal.version(),
                signal.description() + " The signal " + signal.type().thresholdMeaning() + ".",
                signal.query(settings, companyGroupIndex));
    }

    /** A custom signal's tuning is its promotion: its base score, no threshold, its cooldown. */
    private SignalSettings.SignalTuning tuningOf(SignalDefinition definition) {
        if (definition instanceof RuleSignal rule) {
            CustomSignal c = rule.custom();
            return new SignalSettings.SignalTuning(true, c.baseScore(), 0, c.cooldown());
        }
        return settings.tuning(definition.type());
    }

    private static String definitionId(SignalDefinition definition) {
        return definition instanceof RuleSignal rule
                ? rule.custom().definitionId()
                : ID_PREFIX + definition.type().key();
    }

    private SignalDefinition definitionOf(SignalType type) {
        return enabled.stream()
                .filter(d -> d.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Signal " + type.key() + " is disabled"));
    }
}
