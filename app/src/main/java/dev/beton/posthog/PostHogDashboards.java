package dev.beton.posthog;

import dev.beton.workspace.credentials.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Dashboards of a project (reference §5): list with {@code ?tags=a&tags=b} following {@code
 * next}, read, create, update and soft delete ({@code PATCH {"deleted": true}}; PostHog answers
 * {@code DELETE} with 405). Insights go on a dashboard from the insight's side, see {@link
 * PostHogInsights#placeOn}. Failures are {@link PostHogException}s.
 */
final class PostHogDashboards {

    private final PostHogClient client;

    PostHogDashboards(PostHogClient client) {
        this.client = client;
    }

    /**
     * Live dashboards, every page. With tags, those carrying any of them (a server that drops
     * tags finds none).
     */
    public List<PostHogDashboard> list(Secret key, long projectId, List<String> anyOfTags) {
        String filter = TagFilter.normalize(anyOfTags).stream()
                .map(t -> "tags=" + URLEncoder.encode(t, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String path = base(projectId) + (filter.isEmpty() ? "" : "?" + filter);
        return PagedList.all(client, key, path).stream()
                .map(BoardReading::dashboard)
                .toList();
    }

    /** One dashboard with its tiles; {@link PostHogException.NotFound} when missing or soft-deleted. */
    public PostHogDashboard get(Secret key, long projectId, long dashboardId) {
        return BoardReading.dashboard(client.send(key, client.get(one(projectId, dashboardId))));
    }

    public PostHogDashboard create(Secret key, long projectId, PostHogDashboardDraft draft) {
        return BoardReading.dashboard(client.send(key, client.post(base(projectId), body(draft))));
    }

    /** Writes every field of the draft ({@code PATCH}); tags not in it are removed by PostHog. */
    public PostHogDashboard update(Secret key, long projectId, long dashboardId, PostHogDashboardDraft draft) {
        return BoardReading.dashboard(client.send(key, client.patch(one(projectId, dashboardId), body(draft))));
    }

    /** Soft delete; the dashboard then vanishes from lists and reads, its tiles with it. */
    public void softDelete(Secret key, long projectId, long dashboardId) {
        client.send(key, client.patch(one(projectId, dashboardId), Map.of("deleted", true)));
    }

    /**
     * The dashboard Beton made for {@code stableKey}, created from {@code draft} if there is none,
     * so calling it twice leaves one dashboard. Beton's dashboards are found by their tags first;
     * when tags come back empty (servers that drop them) by the marker Beton writes into the
     * description ({@code managed-by:beton key=…}).
     *
     * @param stableKey lower-case identifier of this dashboard within Beton, e.g. {@code pql_overview}
     */
    public PostHogDashboard findOrCreate(Secret key, long projectId, String stableKey, PostHogDashboardDraft draft) {
        Optional<PostHogDashboard> tagged =
                draft.tags().isEmpty() ? Optional.empty() : marked(list(key, projectId, draft.tags()), stableKey);
        return tagged.or(() -> marked(list(key, projectId, List.of()), stableKey))
                .orElseGet(() -> create(
                        key, projectId, draft.withDescription(BetonMarker.describe(draft.description(), stableKey))));
    }

    private static Optional<PostHogDashboard> marked(List<PostHogDashboard> dashboards, String stableKey) {
        return dashboards.stream()
                .filter(d -> BetonMarker.carries(d.description(), stableKey))
                .findFirst();
    }

    private static Map<String, Object> body(PostHogDashboardDraft draft) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", draft.name());
        body.put("description", draft.description());
        body.put("pinned", draft.pinned());
        body.put("tags", draft.tags());
        return body;
    }

    private static String base(long projectId) {
        return "/api/projects/" + projectId + "/dashboards/";
    }

    private static String one(long projectId, long dashboardId) {
        return base(projectId) + dashboardId + "/";
    }
}
