package dev.beton.signals;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The composite PQL score: exactly {@code min(sum(base scores), 80) + min(5 × distinct signal
 * types, 20)}, so 0–100. Every signal given counts, duplicates of a type included (they add to the
 * sum but not to the diversity). Suppressed signals count too: cooldown stops re-announcing a
 * signal, not the fact that its condition holds as of the run. The specification is the set of
 * cases in {@code signals/scoring-cases.json}.
 */
public final class Scorer {

    public static final int SIGNAL_CAP = 80;
    public static final int POINTS_PER_TYPE = 5;
    public static final int DIVERSITY_CAP = 20;

    private final int routingThreshold;
    private final int hotThreshold;

    private Scorer(int routingThreshold, int hotThreshold) {
        this.routingThreshold = routingThreshold;
        this.hotThreshold = hotThreshold;
    }

    public static Scorer from(SignalSettings settings) {
        SignalSettings valid = settings.validated();
        return new Scorer(valid.routingThreshold(), valid.hotThreshold());
    }

    /** Scores one account; every outcome must belong to {@code accountKey}. No outcomes score 0. */
    public ScoreReceipt score(String accountKey, Instant asOf, List<SignalOutcome> outcomes) {
        Objects.requireNonNull(asOf, "asOf");
        outcomes.forEach(o -> requireAccount(accountKey, o));
        List<ScoreReceipt.Line> lines = outcomes.stream()
                .sorted(Comparator.comparing((SignalOutcome o) -> o.signal().type())
                        .thenComparing(o -> o.signal().definitionReference()))
                .map(Scorer::line)
                .toList();
        int sum = lines.stream().mapToInt(ScoreReceipt.Line::points).sum();
        int types = (int) lines.stream().map(ScoreReceipt.Line::type).distinct().count();
        int signalPoints = Math.min(sum, SIGNAL_CAP);
        int diversity = Math.min(POINTS_PER_TYPE * types, DIVERSITY_CAP);
        int score = signalPoints + diversity;
        return new ScoreReceipt(
                accountKey,
                asOf,
                lines,
                sum,
                signalPoints,
                sum > SIGNAL_CAP,
                types,
                diversity,
                POINTS_PER_TYPE * types > DIVERSITY_CAP,
                score,
                routingThreshold,
                score >= routingThreshold,
                hotThreshold,
                score >= hotThreshold);
    }

    /** One receipt per account that has outcomes, sorted by account key. */
    public List<ScoreReceipt> scoreAll(Instant asOf, List<SignalOutcome> outcomes) {
        Map<String, List<SignalOutcome>> byAccount = outcomes.stream()
                .collect(Collectors.groupingBy(o -> o.signal().accountKey(), TreeMap::new, Collectors.toList()));
        return byAccount.entrySet().stream()
                .map(e -> score(e.getKey(), asOf, e.getValue()))
                .toList();
    }

    private static ScoreReceipt.Line line(SignalOutcome outcome) {
        DetectedSignal signal = outcome.signal();
        ScoreReceipt.Status status =
                switch (outcome) {
                    case SignalOutcome.Fired fired -> ScoreReceipt.Status.FIRED;
                    case SignalOutcome.Suppressed suppressed -> ScoreReceipt.Status.SUPPRESSED;
                };
        return new ScoreReceipt.Line(
                signal.type(),
                status,
                signal.baseScore(),
                signal.definitionReference(),
                signal.windows(),
                signal.evidence().summary());
    }

    private static void requireAccount(String accountKey, SignalOutcome outcome) {
        if (!outcome.signal().accountKey().equals(accountKey)) {
            throw new IllegalArgumentException(
                    "Signal for " + outcome.signal().accountKey() + " given to the score of " + accountKey);
        }
    }
}
