package dev.beton.backtest;

/**
 * A rate with its denominator, so that "60 %" is never shown without "3 of 5".
 *
 * @param value numerator / denominator, or null when the denominator is 0 (nothing to measure)
 */
public record Ratio(long numerator, long denominator, Double value) {

    static Ratio of(long numerator, long denominator) {
        return new Ratio(numerator, denominator, denominator == 0 ? null : (double) numerator / denominator);
    }

    /** "60 % (3 of 5)", or "– (0 of 0)". */
    public String text() {
        return (value == null ? "–" : Math.round(value * 100) + " %") + " (" + numerator + " of " + denominator + ")";
    }
}
