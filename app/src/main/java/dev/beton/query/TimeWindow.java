package dev.beton.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open time range {@code [asOf - startBefore, asOf - endBefore)} defined relative to the
 * instant a query is evaluated "as of". Windows never reach past {@code asOf}: that is what keeps
 * a backtest replay of day D from seeing events of day D + 1.
 *
 * <p>The name becomes part of the bound parameter names ({@code {last_7_days_start}}), so it is
 * validated like a placeholder.
 *
 * @param name a lower-case snake_case name, unique within one query
 * @param startBefore how long before {@code asOf} the window starts (inclusive), positive
 * @param endBefore how long before {@code asOf} the window ends (exclusive), zero or positive, less
 *     than {@code startBefore}
 */
public record TimeWindow(String name, Duration startBefore, Duration endBefore) {

    public TimeWindow {
        Identifiers.placeholder(name);
        Objects.requireNonNull(startBefore, "startBefore");
        Objects.requireNonNull(endBefore, "endBefore");
        if (endBefore.isNegative()) {
            throw new IllegalArgumentException("Window " + name + " would end after asOf");
        }
        if (startBefore.compareTo(endBefore) <= 0) {
            throw new IllegalArgumentException("Window " + name + " must start before it ends");
        }
    }

    /** The {@code days} days that end at {@code asOf}: {@code last_7_days}, {@code last_30_days}, ... */
    public static TimeWindow lastDays(int days) {
        return new TimeWindow("last_" + days + "_days", Duration.ofDays(days), Duration.ZERO);
    }

    /** The {@code days} days before the last {@code days} days: {@code previous_7_days} is days 14..7 before asOf. */
    public static TimeWindow previousDays(int days) {
        return new TimeWindow("previous_" + days + "_days", Duration.ofDays(2L * days), Duration.ofDays(days));
    }

    public static TimeWindow lastDays(String name, int days) {
        return new TimeWindow(name, Duration.ofDays(days), Duration.ZERO);
    }

    public Resolved resolve(Instant asOf) {
        return new Resolved(name, asOf.minus(startBefore), asOf.minus(endBefore));
    }

    String startParameter() {
        return name + "_start";
    }

    String endParameter() {
        return name + "_end";
    }

    /** A window pinned to instants, for evidence and score receipts. Start inclusive, end exclusive, UTC. */
    public record Resolved(String name, Instant start, Instant end) {

        public boolean contains(Instant instant) {
            return !instant.isBefore(start) && instant.isBefore(end);
        }
    }
}
