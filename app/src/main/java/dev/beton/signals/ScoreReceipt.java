package dev.beton.signals;

import dev.beton.query.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How one account's score was reached in one run: each signal and its points, the sum and its cap,
 * the diversity bonus and its cap, the thresholds, the definition versions and windows, and
 * {@code asOf}. Enough to recompute and explain the score without the warehouse.
 *
 * @param signalSum the base scores of all lines added up, before the cap
 * @param signalPoints {@code min(signalSum, 80)}
 * @param distinctTypes how many different signal types the lines have
 * @param diversityBonus {@code min(5 × distinctTypes, 20)}
 * @param score {@code signalPoints + diversityBonus}, 0–100
 */
public record ScoreReceipt(
        String accountKey,
        Instant asOf,
        List<Line> lines,
        int signalSum,
        int signalPoints,
        boolean signalCapApplied,
        int distinctTypes,
        int diversityBonus,
        boolean diversityCapApplied,
        int score,
        int routingThreshold,
        boolean routed,
        int hotThreshold,
        boolean hot) {

    public ScoreReceipt {
        lines = List.copyOf(lines);
    }

    public enum Status {
        FIRED,
        /** Inside its cooldown: not announced again, but its condition holds as of asOf, so it scores. */
        SUPPRESSED
    }

    /** One signal on the receipt. */
    public record Line(
            SignalType type,
            Status status,
            int points,
            String definition,
            List<TimeWindow.Resolved> windows,
            String evidence) {

        public Line {
            windows = List.copyOf(windows);
        }
    }

    /** The receipt as sentences, e.g. for a CRM note or the account page. */
    public List<String> explanation() {
        List<String> text = new ArrayList<>();
        for (Line line : lines) {
            text.add(line.type().key() + " +" + line.points()
                    + (line.status() == Status.SUPPRESSED ? " (suppressed)" : "") + ": " + line.evidence() + " ["
                    + line.definition() + "]");
        }
        text.add("signals " + signalSum + (signalCapApplied ? " capped at " + Scorer.SIGNAL_CAP : "") + " = "
                + signalPoints);
        text.add("diversity " + distinctTypes + " types × " + Scorer.POINTS_PER_TYPE
                + (diversityCapApplied ? " capped at " + Scorer.DIVERSITY_CAP : "") + " = " + diversityBonus);
        text.add("score " + score + " as of " + asOf + (routed ? ", routed (≥ " + routingThreshold + ")" : "")
                + (hot ? ", hot (≥ " + hotThreshold + ")" : ""));
        return text;
    }
}
