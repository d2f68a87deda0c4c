package dev.beton.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A dashboard with its tiles' numbers for a period, as the page and the API show it. */
public record DashboardView(
        String id,
        int version,
        String title,
        String description,
        String refresh,
        @JsonProperty("period_days") int periodDays,
        List<TileView> tiles) {}
