package dev.beton.posthog;

/**
 * Why a query is sent, which decides how long its answer may be reused (seed 001's caching
 * strategy). {@link #DETECTION} is never cached: a detection run must see current data.
 */
public enum QueryCategory {
    /** Daily signal detection: never cached, {@code refresh: force_blocking}. */
    DETECTION,
    /** Reading back {@code beton_signal_fired} events. */
    SIGNAL_EVENTS,
    /** Aggregate dashboard tiles (Signal Overview). */
    OVERVIEW,
    /** PQL performance tiles, which follow the Attio sync. */
    PQL_PERFORMANCE,
    /** Backtesting tiles, which change once a day. */
    BACKTESTING,
    /** A person exploring in the query library. */
    AD_HOC
}
