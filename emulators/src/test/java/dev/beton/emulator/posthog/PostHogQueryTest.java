package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.PostHogFixture.ALL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Json;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class PostHogQueryTest {

    private static final String QUERY = "/api/projects/1/query/";

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
    void countsCapturedEventsOfTheProjectOnly() {
        capture(PostHogFixture.MAIN.apiToken(), "2026-01-09T12:00:00Z");
        capture(PostHogFixture.MAIN.apiToken(), "2026-01-01T12:00:00Z");
        capture(PostHogFixture.STAGING.apiToken(), "2026-01-09T12:00:00Z");

        JsonNode response = query("SELECT count() FROM events").json();

        assertThat(response.path("columns").values())
                .extracting(JsonNode::asString)
                .containsExactly("count()");
        assertThat(response.path("types").get(0).get(1).asString()).isEqualTo("UInt64");
        assertThat(response.path("results").get(0).get(0).asLong()).isEqualTo(2);
        assertThat(response.path("hasMore").asBoolean()).isFalse();
        assertThat(response.path("limit").asInt()).isEqualTo(100);
    }

    @Test
    void windowFollowsTheInjectedClock() {
        capture(PostHogFixture.MAIN.apiToken(), "2026-01-09T12:00:00Z");
        String lastDay = "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL 1 DAY";

        assertThat(count(lastDay)).isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        assertThat(count(lastDay)).isZero();
        assertThat(count("SELECT count() FROM events WHERE timestamp >= now() - toIntervalDay(2)"))
                .isEqualTo(1);
    }

    @Test
    void groupsCapturedEventsWithGroupPropertiesFromGroupIdentify() {
        TestHttp capture = TestHttp.to(posthog.baseUrl());
        String token = PostHogFixture.MAIN.apiToken();
        capture.post("/batch/", """
                {"api_key":"%s","batch":[
                 {"event":"$groupidentify","distinct_id":"ann","timestamp":"2026-01-08T00:00:00Z",
                  "properties":{"$group_type":"company","$group_key":"acme","$group_set":{"plan":"pro"}}},
                 {"event":"report_viewed","distinct_id":"ann","timestamp":"2026-01-09T10:00:00Z",
                  "properties":{"$groups":{"company":"acme"}}},
                 {"event":"report_viewed","distinct_id":"bob","timestamp":"2026-01-09T12:30:00Z",
                  "properties":{"$groups":{"company":"acme"}}}]}""".formatted(token));
        String body = Json.write(Map.of(
                "query",
                Map.of(
                        "kind",
                        "HogQLQuery",
                        "query",
                        "SELECT $group_0 AS company, any(group_0.properties.plan) AS plan, count() AS n,"
                                + " max(timestamp) AS last_seen FROM events WHERE event = {ev} AND $group_0 != ''"
                                + " GROUP BY company ORDER BY n DESC LIMIT 10",
                        "values",
                        Map.of("ev", "report_viewed"))));

        JsonNode response = http.post(QUERY, body).json();

        assertThat(response.path("columns").toString()).isEqualTo("[\"company\",\"plan\",\"n\",\"last_seen\"]");
        assertThat(response.path("types").toString())
                .isEqualTo("[[\"company\",\"String\"],[\"plan\",\"Nullable(String)\"],[\"n\",\"UInt64\"],"
                        + "[\"last_seen\",\"DateTime64(6, 'UTC')\"]]");
        assertThat(response.path("results").toString()).isEqualTo("[[\"acme\",\"pro\",2,\"2026-01-09T12:30:00Z\"]]");
        assertThat(response.has("hasMore")).isFalse();
    }

    @Test
    void unsupportedSqlIsA400HogQLQueryError() {
        TestHttp.Reply reply = query("SELECT frobnicate(event) FROM events");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("type").asString()).isEqualTo("validation_error");
        assertThat(reply.json().path("code").asString()).isEqualTo("hogql_query_error");
    }

    @Test
    void garbageIsA400SyntaxError() {
        TestHttp.Reply reply = query("SELEC count() FROM events");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("code").asString()).isEqualTo("hogql_syntax_error");
        assertThat(reply.json().path("detail").asString()).startsWith("Syntax error at line 1, column 1");
    }

    @Test
    void offsetIsRefusedForPersonalKeys() {
        TestHttp.Reply reply = query("SELECT count() FROM events LIMIT 10 OFFSET 10");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("detail").asString()).startsWith("OFFSET is not supported");
    }

    @Test
    void requestWithoutKindIsAValidationError() {
        TestHttp.Reply reply = http.post(QUERY, "{\"query\":{\"query\":\"SELECT count() FROM events\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("type").asString()).isEqualTo("validation_error");
    }

    @Test
    void valuesBindPlaceholders() {
        capture(PostHogFixture.MAIN.apiToken(), "2026-01-07T12:00:00Z");
        String body = Json.write(Map.of(
                "query",
                Map.of(
                        "kind", "HogQLQuery",
                        "query", "SELECT count() FROM events WHERE timestamp >= now() - INTERVAL {d} DAY",
                        "values", Map.of("d", 3))));

        assertThat(http.post(QUERY, body).json().path("results").get(0).get(0).asLong())
                .isEqualTo(1);
    }

    @Test
    void asyncQueryRunsUntilItsDurationHasPassedOnTheClock() {
        posthog.close();
        posthog = PostHogFixture.builder(clock, contract)
                .asyncQueryDuration(Duration.ofSeconds(5))
                .start();
        http = TestHttp.to(posthog.baseUrl()).bearer(ALL);
        capture(PostHogFixture.MAIN.apiToken(), "2026-01-09T12:00:00Z");
        String body = Json.write(Map.of(
                "query", Map.of("kind", "HogQLQuery", "query", "SELECT count() FROM events"),
                "refresh", "async",
                "client_query_id", "beton-1"));

        TestHttp.Reply submitted = http.post(QUERY, body);
        assertThat(submitted.status()).isEqualTo(202);
        assertThat(submitted.json().path("query_status").path("id").asString()).isEqualTo("beton-1");
        assertThat(submitted.json().path("query_status").path("complete").asBoolean())
                .isFalse();
        assertThat(http.get(QUERY + "beton-1/").status()).isEqualTo(202);

        clock.advance(Duration.ofSeconds(5));
        TestHttp.Reply done = http.get(QUERY + "beton-1/");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json()
                        .path("query_status")
                        .path("results")
                        .path("results")
                        .get(0)
                        .get(0)
                        .asLong())
                .isEqualTo(1);
        assertThat(http.get(QUERY + "unknown/").status()).isEqualTo(404);
    }

    @Test
    void failedAsyncQueryAnswers400WithItsErrorMessage() {
        String body = Json.write(Map.of(
                "query",
                Map.of("kind", "HogQLQuery", "query", "SELECT frobnicate(event) FROM events"),
                "refresh",
                "force_async"));
        String id =
                http.post(QUERY, body).json().path("query_status").path("id").asString();

        TestHttp.Reply status = http.get(QUERY + id + "/");

        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().path("query_status").path("error").asBoolean()).isTrue();
        assertThat(status.json().path("query_status").path("error_message").asString())
                .contains("does not evaluate the function frobnicate()");
        assertThat(http.delete(QUERY + id + "/").status()).isEqualTo(200);
        assertThat(http.get(QUERY + id + "/").status()).isEqualTo(404);
    }

    private long count(String sql) {
        TestHttp.Reply reply = query(sql);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().path("results").get(0).get(0).asLong();
    }

    private TestHttp.Reply query(String sql) {
        return http.post(
                QUERY,
                Json.write(Map.of("query", Map.of("kind", "HogQLQuery", "query", sql), "refresh", "force_blocking")));
    }

    private void capture(String token, String timestamp) {
        TestHttp.Reply reply = TestHttp.to(posthog.baseUrl()).post("/i/v0/e/", """
                {"api_key":"%s","event":"e","distinct_id":"u","timestamp":"%s"}""".formatted(token, timestamp));
        assertThat(reply.status()).isEqualTo(200);
    }
}
