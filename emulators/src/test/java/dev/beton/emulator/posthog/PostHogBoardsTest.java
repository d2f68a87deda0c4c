package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.PostHogFixture.ALL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class PostHogBoardsTest {

    private static final String DASHBOARDS = "/api/projects/1/dashboards/";
    private static final String INSIGHTS = "/api/projects/1/insights/";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private PostHogEmulator posthog;
    private TestHttp http;

    @BeforeEach
    void start() {
        posthog = PostHogFixture.builder(MutableClock.at("2026-01-05T12:00:00Z"), contract)
                .start();
        http = TestHttp.to(posthog.baseUrl()).bearer(ALL);
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void createdDashboardHasNormalisedTagsAndNoTiles() {
        TestHttp.Reply created =
                http.post(DASHBOARDS, "{\"name\":\"Signal Overview\",\"tags\":[\" Beton \",\"beton\",\"PQL\"]}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("tags").values())
                .extracting(JsonNode::asString)
                .containsExactly("beton", "pql");
        assertThat(created.json().path("tiles").size()).isZero();
        assertThat(created.json().path("deleted").asBoolean()).isFalse();
    }

    @Test
    void listFiltersByRepeatableTagsAsAnyOf() {
        dashboard("A", "[\"beton\"]");
        dashboard("B", "[\"other\"]");
        dashboard("C", "[]");

        assertThat(names(http.get(DASHBOARDS + "?tags=beton"))).containsExactly("A");
        assertThat(names(http.get(DASHBOARDS + "?tags=beton&tags=other"))).containsExactly("A", "B");
        assertThat(names(http.get(DASHBOARDS))).containsExactly("A", "B", "C");
    }

    @Test
    void pinnedDashboardsComeFirstThenByName() {
        dashboard("b", "[]");
        http.post(DASHBOARDS, "{\"name\":\"z\",\"pinned\":true}");
        dashboard("a", "[]");

        assertThat(names(http.get(DASHBOARDS))).containsExactly("z", "a", "b");
    }

    @Test
    void deleteIsRefusedAndSoftDeleteHidesTheDashboard() {
        long id = dashboard("Doomed", "[]");

        TestHttp.Reply hard = http.delete(DASHBOARDS + id + "/");
        assertThat(hard.status()).isEqualTo(405);
        assertThat(http.get(DASHBOARDS + id + "/").status()).isEqualTo(200);

        TestHttp.Reply soft = http.patch(DASHBOARDS + id + "/", "{\"deleted\":true}");
        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.json().path("deleted").asBoolean()).isTrue();
        assertThat(http.get(DASHBOARDS + id + "/").status()).isEqualTo(404);
        assertThat(http.patch(DASHBOARDS + id + "/", "{\"name\":\"still gone\"}")
                        .status())
                .isEqualTo(404);
        assertThat(names(http.get(DASHBOARDS))).isEmpty();

        assertThat(http.patch(DASHBOARDS + id + "/", "{\"deleted\":false}").status())
                .isEqualTo(200);
        assertThat(names(http.get(DASHBOARDS))).containsExactly("Doomed");
    }

    @Test
    void insightCreatedWithDashboardsBecomesATile() {
        long dashboard = dashboard("Overview", "[]");

        JsonNode insight = insight("Active companies", "[\"beton\"]", "[" + dashboard + "]");

        assertThat(insight.path("dashboards").values())
                .extracting(JsonNode::asLong)
                .containsExactly(dashboard);
        assertThat(insight.path("dashboard_tiles").get(0).path("dashboard_id").asLong())
                .isEqualTo(dashboard);
        JsonNode tiles = http.get(DASHBOARDS + dashboard + "/").json().path("tiles");
        assertThat(tiles.size()).isEqualTo(1);
        assertThat(tiles.get(0).path("insight").path("name").asString()).isEqualTo("Active companies");
        assertThat(tiles.get(0).path("insight").path("query").path("kind").asString())
                .isEqualTo("DataVisualizationNode");
    }

    @Test
    void patchingDashboardsRemovesAndRestoresTiles() {
        long dashboard = dashboard("Overview", "[]");
        long id = insight("Usage", "[]", "[" + dashboard + "]").path("id").asLong();

        JsonNode removed =
                http.patch(INSIGHTS + id + "/", "{\"dashboards\":[]}").json();
        assertThat(removed.path("dashboards").size()).isZero();
        assertThat(removed.path("dashboard_tiles").get(0).path("deleted").asBoolean())
                .isTrue();
        assertThat(http.get(DASHBOARDS + dashboard + "/").json().path("tiles").size())
                .isZero();

        http.patch(INSIGHTS + id + "/", "{\"dashboards\":[" + dashboard + "]}");
        assertThat(http.get(DASHBOARDS + dashboard + "/").json().path("tiles").size())
                .isEqualTo(1);
    }

    @Test
    void restoringADashboardBringsBackOnlyTheTilesItsDeletionTook() {
        long dashboard = dashboard("Overview", "[]");
        insight("Kept", "[]", "[" + dashboard + "]");
        long removed =
                insight("Removed", "[]", "[" + dashboard + "]").path("id").asLong();
        http.patch(INSIGHTS + removed + "/", "{\"dashboards\":[]}");

        http.patch(DASHBOARDS + dashboard + "/", "{\"deleted\":true}");
        JsonNode restored =
                http.patch(DASHBOARDS + dashboard + "/", "{\"deleted\":false}").json();

        assertThat(restored.path("tiles").values())
                .extracting(t -> t.path("insight").path("name").asString())
                .containsExactly("Kept");
    }

    @Test
    void insightOnAMissingDashboardIsRefused() {
        TestHttp.Reply reply = http.post(INSIGHTS, "{\"name\":\"x\",\"dashboards\":[424242]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("attr").asString()).isEqualTo("dashboards");
    }

    @Test
    void insightListTakesTagsAsAJsonList() {
        insight("Beton one", "[\"beton\"]", "[]");
        insight("Other", "[\"x\"]", "[]");

        assertThat(names(http.get(INSIGHTS + "?tags=" + encode("[\"beton\"]")))).containsExactly("Beton one");
        assertThat(http.get(INSIGHTS + "?tags=beton").status()).isEqualTo(400);
    }

    @Test
    void softDeletedInsightLeavesListAndDashboard() {
        long dashboard = dashboard("Overview", "[]");
        long id = insight("Usage", "[]", "[" + dashboard + "]").path("id").asLong();

        assertThat(http.delete(INSIGHTS + id + "/").status()).isEqualTo(405);
        assertThat(http.patch(INSIGHTS + id + "/", "{\"deleted\":true}").status())
                .isEqualTo(200);

        assertThat(http.get(INSIGHTS + id + "/").status()).isEqualTo(404);
        assertThat(names(http.get(INSIGHTS))).isEmpty();
        assertThat(http.get(DASHBOARDS + dashboard + "/").json().path("tiles").size())
                .isZero();
    }

    @Test
    void insightIsFoundByShortId() {
        JsonNode insight = insight("Usage", "[]", "[]");

        JsonNode byShortId = http.get(
                        INSIGHTS + "?short_id=" + insight.path("short_id").asString())
                .json();

        assertThat(byShortId.path("results").get(0).path("id").asLong())
                .isEqualTo(insight.path("id").asLong());
    }

    @Test
    void deletingADashboardWithItsInsightsSoftDeletesInsightsOnlyThere() {
        long one = dashboard("One", "[]");
        long two = dashboard("Two", "[]");
        long onlyOnOne = insight("Only one", "[]", "[" + one + "]").path("id").asLong();
        long onBoth =
                insight("Both", "[]", "[" + one + "," + two + "]").path("id").asLong();

        http.patch(DASHBOARDS + one + "/", "{\"deleted\":true,\"delete_insights\":true}");

        assertThat(http.get(INSIGHTS + onlyOnOne + "/").status()).isEqualTo(404);
        assertThat(http.get(INSIGHTS + onBoth + "/").status()).isEqualTo(200);
    }

    @Test
    void unlicensedServerDropsTagsSilently() {
        posthog.close();
        posthog = PostHogFixture.builder(MutableClock.at("2026-01-05T12:00:00Z"), contract)
                .withoutTagging()
                .start();
        http = TestHttp.to(posthog.baseUrl()).bearer(ALL);

        TestHttp.Reply created = http.post(DASHBOARDS, "{\"name\":\"Beton · Signals\",\"tags\":[\"beton\"]}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("tags").size()).isZero();
        assertThat(names(http.get(DASHBOARDS + "?tags=beton"))).isEmpty();
        assertThat(names(http.get(DASHBOARDS))).containsExactly("Beton · Signals");
        // The tag list is licence-gated: 402 in PostHog's error envelope.
        TestHttp.Reply tags = http.get("/api/projects/1/tags/");
        assertThat(tags.status()).isEqualTo(402);
        assertThat(tags.json().path("code").asString()).isEqualTo("payment_required");
    }

    @Test
    void tagListHoldsTheDistinctTagsOfLiveDashboardsAndInsights() {
        long gone = dashboard("Gone", "[\"old\"]");
        dashboard("A", "[\"beton\", \"signal-overview\"]");
        http.post(INSIGHTS, "{\"name\":\"I\",\"tags\":[\"beton\",\"v1\"]}");
        http.patch(DASHBOARDS + gone + "/", "{\"deleted\":true}");

        JsonNode tags = http.get("/api/projects/1/tags/").json();

        assertThat(tags.path("results").values())
                .extracting(t -> t.path("tag").asString())
                .containsExactly("beton", "signal-overview", "v1");
    }

    @Test
    void dashboardsPaginate() {
        for (int i = 0; i < 5; i++) {
            dashboard("d" + i, "[]");
        }

        JsonNode page = http.get(DASHBOARDS + "?limit=2&offset=2").json();

        assertThat(page.path("count").asInt()).isEqualTo(5);
        assertThat(page.path("results").values())
                .extracting(d -> d.path("name").asString())
                .containsExactly("d2", "d3");
        assertThat(page.path("next").asString()).contains("offset=4");
        assertThat(page.path("previous").asString()).contains("limit=2").doesNotContain("offset");
    }

    private long dashboard(String name, String tags) {
        return http.post(DASHBOARDS, "{\"name\":\"" + name + "\",\"tags\":" + tags + "}")
                .json()
                .path("id")
                .asLong();
    }

    private JsonNode insight(String name, String tags, String dashboards) {
        TestHttp.Reply reply = http.post(INSIGHTS, """
                {"name":"%s","tags":%s,"saved":true,"dashboards":%s,
                 "query":{"kind":"DataVisualizationNode","source":{"kind":"HogQLQuery","query":"SELECT count() FROM events"}}}""".formatted(name, tags, dashboards));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json();
    }

    private static java.util.List<String> names(TestHttp.Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().path("results").values().stream()
                .map(d -> d.path("name").asString())
                .toList();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
