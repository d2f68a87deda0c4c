package dev.beton.emulator.posthog;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.Json;
import dev.beton.emulator.posthog.ProjectData.Insight;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The insight list's query filters: {@code tags} (JSON list, any-of), {@code dashboards} (JSON
 * list, all-of), {@code short_id}, {@code saved}, {@code favorited} and {@code search}.
 */
final class ListFilter {

    private ListFilter() {}

    /**
     * @throws IllegalArgumentException when a JSON-valued filter is not a JSON list
     */
    static Predicate<Insight> of(EmulatorRequest request, ProjectData project) {
        Predicate<Insight> filter = i -> true;
        if (request.queryParam("tags").isPresent()) {
            List<String> tags = jsonList(request.queryParam("tags").get(), "tags");
            filter = filter.and(i -> Tags.anyOf(i.tags, tags));
        }
        if (request.queryParam("dashboards").isPresent()) {
            List<String> ids = jsonList(request.queryParam("dashboards").get(), "dashboards");
            filter = filter.and(i -> ids.stream().allMatch(id -> BoardJson.liveDashboardIds(project, i).stream()
                    .anyMatch(d -> d.toString().equals(id))));
        }
        if (request.queryParam("short_id").isPresent()) {
            String shortId = request.queryParam("short_id").get();
            filter = filter.and(i -> i.shortId.equals(shortId));
        }
        if (request.queryParam("saved").isPresent()) {
            boolean saved = Boolean.parseBoolean(request.queryParam("saved").get());
            filter = filter.and(i -> i.saved == saved);
        }
        if (request.queryParam("favorited").isPresent()) {
            boolean favorited =
                    Boolean.parseBoolean(request.queryParam("favorited").get());
            filter = filter.and(i -> i.favorited == favorited);
        }
        if (request.queryParam("search").isPresent()) {
            String needle = request.queryParam("search").get().toLowerCase(Locale.ROOT);
            filter = filter.and(i -> contains(i.name, needle)
                    || contains(i.description, needle)
                    || i.tags.stream().anyMatch(t -> t.contains(needle)));
        }
        return filter;
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static List<String> jsonList(String text, String name) {
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Query parameter " + name + " must be a JSON list, got " + text);
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("Query parameter " + name + " must be a JSON list, got " + text);
        }
        List<String> values = new ArrayList<>();
        node.values().forEach(v -> values.add(v.asString()));
        return values;
    }
}
