package dev.beton.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The accounts behind one element of a chart tile ({@code GET
 * /api/v1/dashboards/{id}/tiles/{tile}/accounts?value=…}, and the page the chart's click opens).
 *
 * @param value the element: a signal type, a week's Monday, a bucket, a source, a feature
 * @param more whether there were more accounts than listed ({@link TileDrills#ROWS})
 */
public record DrillView(
        String dashboard,
        @JsonProperty("dashboard_title") String dashboardTitle,
        String tile,
        @JsonProperty("tile_title") String tileTitle,
        String value,
        @JsonProperty("period_days") int periodDays,
        List<String> columns,
        List<List<Object>> rows,
        boolean more,
        @JsonProperty("computed_at") Instant computedAt) {

    public DrillView {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** When the accounts were computed, to the minute, for the page. */
    public String computedAtText() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(computedAt);
    }

    /** The accounts as CSV, the same cells as a tile's CSV. */
    public String csv() {
        return TileView.csv(columns, rows);
    }
}
