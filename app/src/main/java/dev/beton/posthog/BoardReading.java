package dev.beton.posthog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads PostHog's dashboard and insight serializers into Beton's records. */
final class BoardReading {

    private BoardReading() {}

    static PostHogDashboard dashboard(JsonNode d) {
        List<PostHogTile> tiles = new ArrayList<>();
        for (JsonNode tile : d.path("tiles").values()) {
            JsonNode insight = tile.path("insight");
            tiles.add(new PostHogTile(
                    tile.path("id").asLong(),
                    insight.isObject() ? OptionalLong.of(insight.path("id").asLong()) : OptionalLong.empty()));
        }
        return new PostHogDashboard(
                d.path("id").asLong(),
                d.path("name").asString(""),
                d.path("description").asString(""),
                d.path("pinned").asBoolean(false),
                strings(d.path("tags")),
                tiles);
    }

    @SuppressWarnings("unchecked")
    static PostHogInsight insight(JsonNode i, JsonMapper json) {
        List<Long> dashboards = new ArrayList<>();
        i.path("dashboards").values().forEach(id -> dashboards.add(id.asLong()));
        Map<String, Object> query =
                i.path("query").isObject() ? json.convertValue(i.get("query"), Map.class) : Map.of();
        return new PostHogInsight(
                i.path("id").asLong(),
                i.path("short_id").asString(""),
                i.path("name").asString(""),
                i.path("description").asString(""),
                strings(i.path("tags")),
                dashboards,
                query);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.values().forEach(v -> values.add(v.asString("")));
        return values;
    }
}
