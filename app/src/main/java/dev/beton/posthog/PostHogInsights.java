package dev.beton.posthog;

import dev.beton.workspace.credentials.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Insights of a project (reference §5): list (tag filter as a JSON list, {@code ?tags=["a"]}),
 * read, create, update, soft delete, and placing on dashboards through {@code dashboards: [id]}.
 * Every insight call counts against PostHog's ClickHouse throttle (240/min, 1,200/h), so lists
 * ask for {@code basic=true} (metadata only).
 */
final class PostHogInsights {

    private final PostHogClient client;

    PostHogInsights(PostHogClient client) {
        this.client = client;
    }

    /** Live insights, every page; with tags, those carrying any of them. */
    public List<PostHogInsight> list(Secret key, long projectId, List<String> anyOfTags) {
        List<String> wanted = TagFilter.normalize(anyOfTags);
        String tags = wanted.isEmpty() ? "" : "&tags=" + encode(client.json().writeValueAsString(wanted));
        return read(key, base(projectId) + "?basic=true" + tags);
    }

    /** One insight by numeric id; {@link PostHogException.NotFound} when missing or soft-deleted. */
    public PostHogInsight get(Secret key, long projectId, long insightId) {
        return BoardReading.insight(client.send(key, client.get(one(projectId, insightId))), client.json());
    }

    /** Recomputes one insight now ({@code ?refresh=true}); PostHog answers it with its result. */
    public PostHogInsight refresh(Secret key, long projectId, long insightId) {
        return BoardReading.insight(
                client.send(key, client.get(one(projectId, insightId) + "?refresh=true")), client.json());
    }

    /** Creates the insight, saved, with a tile on each of the draft's dashboards. */
    public PostHogInsight create(Secret key, long projectId, PostHogInsightDraft draft) {
        return BoardReading.insight(client.send(key, client.post(base(projectId), body(draft))), client.json());
    }

    /** Writes every field of the draft, dashboards included ({@code PATCH}). */
    public PostHogInsight update(Secret key, long projectId, long insightId, PostHogInsightDraft draft) {
        return BoardReading.insight(
                client.send(key, client.patch(one(projectId, insightId), body(draft))), client.json());
    }

    /**
     * Shows the insight on exactly these dashboards: tiles are added for new ones and removed
     * (soft-deleted) for the others.
     */
    public PostHogInsight placeOn(Secret key, long projectId, long insightId, List<Long> dashboardIds) {
        return BoardReading.insight(
                client.send(key, client.patch(one(projectId, insightId), Map.of("dashboards", dashboardIds))),
                client.json());
    }

    /** Soft delete; the insight vanishes from lists, reads and dashboards. */
    public void softDelete(Secret key, long projectId, long insightId) {
        client.send(key, client.patch(one(projectId, insightId), Map.of("deleted", true)));
    }

    /**
     * The insight Beton made for {@code stableKey}, created from {@code draft} if there is none:
     * found by tag first, then (servers that drop tags) by a search for the description marker
     * Beton writes, checked exactly.
     */
    public PostHogInsight findOrCreate(Secret key, long projectId, String stableKey, PostHogInsightDraft draft) {
        Optional<PostHogInsight> tagged =
                draft.tags().isEmpty() ? Optional.empty() : marked(list(key, projectId, draft.tags()), stableKey);
        return tagged.or(() -> marked(search(key, projectId, BetonMarker.of(stableKey)), stableKey))
                .orElseGet(() -> create(
                        key, projectId, draft.withDescription(BetonMarker.describe(draft.description(), stableKey))));
    }

    private List<PostHogInsight> search(Secret key, long projectId, String text) {
        return read(key, base(projectId) + "?basic=true&search=" + encode(text));
    }

    private List<PostHogInsight> read(Secret key, String path) {
        return PagedList.all(client, key, path).stream()
                .map(i -> BoardReading.insight(i, client.json()))
                .toList();
    }

    private static Optional<PostHogInsight> marked(List<PostHogInsight> insights, String stableKey) {
        return insights.stream()
                .filter(i -> BetonMarker.carries(i.description(), stableKey))
                .findFirst();
    }

    private static Map<String, Object> body(PostHogInsightDraft draft) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", draft.name());
        body.put("description", draft.description());
        body.put("tags", draft.tags());
        body.put("query", draft.query());
        body.put("dashboards", draft.dashboards());
        // Search and the insight list depend on it; PostHog's UI sets it when the user saves.
        body.put("saved", true);
        return body;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String base(long projectId) {
        return "/api/projects/" + projectId + "/insights/";
    }

    private static String one(long projectId, long insightId) {
        return base(projectId) + insightId + "/";
    }
}
