package dev.beton.dashboards;

/** How a tile is drawn: natively (ECharts) and as PostHog's {@code ChartDisplayType}. */
public enum Visualisation {
    NUMBER("BoldNumber"),
    LINE("ActionsLineGraph"),
    BAR("ActionsBar"),
    PIE("ActionsPie"),
    TABLE("ActionsTable"),
    HISTOGRAM("ActionsBar"),
    FUNNEL("ActionsBar");

    private final String postHogDisplay;

    Visualisation(String postHogDisplay) {
        this.postHogDisplay = postHogDisplay;
    }

    public String postHogDisplay() {
        return postHogDisplay;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
