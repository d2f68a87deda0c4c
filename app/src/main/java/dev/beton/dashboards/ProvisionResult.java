package dev.beton.dashboards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one provisioning did, per dashboard.
 *
 * @param tagging {@code tags} when PostHog kept Beton's tags, {@code description-marker} when the
 *     server does not tag (licence-gated or older) and Beton recognises its objects by the marker
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProvisionResult(
        boolean success, String tagging, List<Dashboard> dashboards, List<String> warnings, String error) {

    /**
     * @param action {@code created}, {@code updated}, {@code unchanged} or {@code failed}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dashboard(
            @JsonProperty("dashboard_id") String dashboardId,
            String title,
            int version,
            String action,
            @JsonProperty("posthog_dashboard_id") Long postHogDashboardId,
            String url,
            @JsonProperty("insights_created") int created,
            @JsonProperty("insights_migrated") int migrated,
            @JsonProperty("insights_removed") int removed,
            @JsonProperty("insights_unchanged") int unchanged,
            String error) {}
}
