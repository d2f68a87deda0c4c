package dev.beton.posthog;

import dev.beton.workspace.credentials.Secret;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * DRF's {@code LimitOffsetPagination} as PostHog serves lists: {@code {count, next, previous,
 * results}}, 100 a page. Pages are read by following {@code next} until it is null.
 */
final class PagedList {

    /** 100 a page makes 100,000 objects; a longer chain means a server that loops. */
    static final int MAX_PAGES = 1_000;

    private PagedList() {}

    static List<JsonNode> all(PostHogClient client, Secret key, String firstPath) {
        List<JsonNode> results = new ArrayList<>();
        JsonNode page = client.send(key, client.get(firstPath));
        for (int pages = 1; ; pages++) {
            page.path("results").values().forEach(results::add);
            JsonNode next = page.path("next");
            if (!next.isString() || next.asString().isBlank()) {
                return results;
            }
            if (pages >= MAX_PAGES) {
                throw new PostHogException.ApiError(
                        200, "PostHog at " + client.baseUrl() + " kept sending next pages after " + MAX_PAGES + ".");
            }
            page = client.send(key, client.next(next.asString()));
        }
    }
}
