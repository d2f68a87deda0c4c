package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.PostHogFixture.ALL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Json;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** SQL insights answer results computed by the emulator's HogQL engine, on refresh. */
class PostHogInsightResultsTest {

    private static final String INSIGHTS = "/api/projects/1/insights/";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private final MutableClock clock = MutableClock.at("2026-01-10T00:00:00Z");
    private PostHogEmulator posthog;
    private TestHttp http;

    @BeforeEach
    void start() {
        posthog = PostHogFixture.builder(clock, contract).start();
        http = TestHttp.to(posthog.baseUrl()).bearer(ALL);
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void refreshComputesTheDataVisualizationInsightWithItsValues() {
        capture("pageview", "2026-01-09T12:00:00Z");
        capture("pageview", "2026-01-08T12:00:00Z");
        capture("signup", "2026-01-09T13:00:00Z");
        capture("pageview", "2025-12-01T12:00:00Z");
        long id = insight(visualization(
                "SELECT event, count() AS n FROM events WHERE timestamp >= now() - toIntervalDay({days})"
                        + " GROUP BY event ORDER BY n DESC, event ASC",
                Map.of("days", 7)));

        JsonNode plain = http.get(INSIGHTS + id + "/").json();
        assertThat(plain.path("result").isNull()).isTrue();

        JsonNode refreshed = http.get(INSIGHTS + id + "/?refresh=true").json();
        assertThat(rows(refreshed)).containsExactly(List.of("pageview", "2"), List.of("signup", "1"));
        assertThat(refreshed.path("columns").values())
                .extracting(JsonNode::asString)
                .containsExactly("event", "n");
        assertThat(refreshed.path("is_cached").asBoolean()).isFalse();
        assertThat(refreshed.path("last_refresh").asString()).isEqualTo("2026-01-10T00:00:00Z");

        capture("signup", "2026-01-09T14:00:00Z");
        clock.advance(Duration.ofMinutes(5));
        JsonNode cached = http.get(INSIGHTS + id + "/").json();
        assertThat(rows(cached)).containsExactly(List.of("pageview", "2"), List.of("signup", "1"));
        assertThat(cached.path("is_cached").asBoolean()).isTrue();

        JsonNode again = http.get(INSIGHTS + id + "/?refresh=true").json();
        assertThat(rows(again)).containsExactly(List.of("pageview", "2"), List.of("signup", "2"));
        assertThat(again.path("last_refresh").asString()).isEqualTo("2026-01-10T00:05:00Z");
    }

    @Test
    void aBareHogQLQueryInsightIsComputedAndShownOnItsDashboard() {
        capture("pageview", "2026-01-09T12:00:00Z");
        long dashboard = http.post("/api/projects/1/dashboards/", "{\"name\":\"D\"}")
                .json()
                .path("id")
                .asLong();
        JsonNode created = http.post(
                        INSIGHTS,
                        Json.write(Map.of(
                                "name",
                                "count",
                                "dashboards",
                                List.of(dashboard),
                                "query",
                                Map.of("kind", "HogQLQuery", "query", "SELECT count() FROM events"))))
                .json();

        http.get(INSIGHTS + created.path("id").asLong() + "/?refresh=true");

        JsonNode tile = http.get("/api/projects/1/dashboards/" + dashboard + "/")
                .json()
                .path("tiles")
                .get(0)
                .path("insight");
        assertThat(tile.path("result").get(0).get(0).asLong()).isEqualTo(1);
        assertThat(tile.path("is_cached").asBoolean()).isTrue();
    }

    @Test
    void changingTheQueryDropsTheCachedResult() {
        capture("pageview", "2026-01-09T12:00:00Z");
        long id = insight(visualization("SELECT count() FROM events", Map.of()));
        http.get(INSIGHTS + id + "/?refresh=true");

        http.patch(INSIGHTS + id + "/", Json.write(Map.of("query", visualization("SELECT 1", Map.of()))));

        assertThat(http.get(INSIGHTS + id + "/").json().path("result").isNull()).isTrue();
        assertThat(rows(http.get(INSIGHTS + id + "/?refresh=true").json())).containsExactly(List.of("1"));
    }

    @Test
    void sqlThatDoesNotRunIsRefusedOnRefreshAndTrendsStayUncomputed() {
        long broken = insight(visualization("SELECT nope( FROM events", Map.of()));
        TestHttp.Reply refused = http.get(INSIGHTS + broken + "/?refresh=true");
        assertThat(refused.status()).isEqualTo(400);

        long trends =
                insight(Map.of("kind", "InsightVizNode", "source", Map.of("kind", "TrendsQuery", "series", List.of())));
        TestHttp.Reply read = http.get(INSIGHTS + trends + "/?refresh=true");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("result").isNull()).isTrue();
    }

    private long insight(Map<String, Object> query) {
        return http.post(INSIGHTS, Json.write(Map.of("name", "q", "saved", true, "query", query)))
                .json()
                .path("id")
                .asLong();
    }

    private static Map<String, Object> visualization(String sql, Map<String, Object> values) {
        return Map.of(
                "kind",
                "DataVisualizationNode",
                "display",
                "ActionsTable",
                "source",
                Map.of("kind", "HogQLQuery", "query", sql, "values", values));
    }

    private static List<List<String>> rows(JsonNode insight) {
        return insight.path("result").values().stream()
                .map(row -> row.values().stream().map(JsonNode::asString).toList())
                .toList();
    }

    private void capture(String event, String timestamp) {
        String body = Json.write(Map.of(
                "api_key",
                PostHogFixture.MAIN.apiToken(),
                "event",
                event,
                "distinct_id",
                "u1",
                "timestamp",
                timestamp));
        assertThat(http.post("/i/v0/e", body).status()).isEqualTo(200);
    }
}
