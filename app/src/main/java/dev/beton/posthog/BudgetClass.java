package dev.beton.posthog;

/** PostHog's throttle classes for personal-key requests (reference §3), each with its own bucket. */
enum BudgetClass {
    /** {@code /query/}. */
    QUERY,
    /** Every {@code /insights/} action (PostHog's ClickHouse throttles). */
    ANALYTICS,
    /** Every other private endpoint, dashboards included. */
    CRUD;

    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
