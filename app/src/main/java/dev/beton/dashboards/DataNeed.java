package dev.beton.dashboards;

/**
 * Data a tile needs. When the workspace lacks it, the tile says which data is missing and how to
 * send it, instead of showing zeros.
 */
public enum DataNeed {
    PRODUCT_EVENTS(
            "product events",
            "No product events in this period. Send them to Beton's capture endpoint (/capture, PostHog-compatible),"
                    + " import a file on the Events page, or connect PostHog as the event source."),
    COMPANY_GROUPS(
            "company accounts",
            "Events carry no company account. Send $groups: {\"company\": \"<account key>\"} with each event (or"
                    + " posthog.group('company', key) in the SDK) so events roll up to accounts."),
    SIGNALS(
            "fired signals",
            "No signal has fired in this period. Run detection (Signals page, or ./beton detect) once events have"
                    + " arrived; signals are recorded as beton_signal_fired events."),
    DEALS(
            "CRM deals",
            "There are no deals in the CRM mirror. Connect Attio on the Connections page (or import deals) so won"
                    + " and lost deals can be compared by lead source."),
    BACKTEST(
            "a finished backtest",
            "No backtest has finished yet. Run one on the Backtests page (or ./beton backtest); its results fill"
                    + " these tiles.");

    private final String label;
    private final String howToSend;

    DataNeed(String label, String howToSend) {
        this.label = label;
        this.howToSend = howToSend;
    }

    public String label() {
        return label;
    }

    /** What is missing and how to send it, one or two sentences. */
    public String howToSend() {
        return howToSend;
    }

    /** Whether checking or computing it reads the workspace's events (not the CRM mirror or a backtest). */
    boolean readsEvents() {
        return this == PRODUCT_EVENTS || this == SIGNALS || this == COMPANY_GROUPS;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
