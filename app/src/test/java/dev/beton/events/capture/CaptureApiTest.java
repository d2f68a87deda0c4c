package dev.beton.events.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Workspaces;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/capture-api",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaptureApiTest {

    static {
        TestDataDirs.fresh("capture-api");
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    CaptureFixture beton;

    @BeforeEach
    void setUp() {
        beton = new CaptureFixture(port, warehouse, workspaces);
    }

    private String event(String name, String distinctId) {
        return "{\"api_key\":\"%s\",\"event\":\"%s\",\"distinct_id\":\"%s\",\"properties\":{\"plan\":\"pro\"}}"
                .formatted(beton.token(), name, distinctId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/i/v0/e", "/i/v0/e/", "/e", "/e/", "/capture", "/capture/", "/track", "/track/"})
    void storesASingleEventOnEveryCaptureRoute(String route) {
        String id = "route-" + UUID.randomUUID();
        HttpResponse<String> response = beton.post(route, event("signed_up", id));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Ok");
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id = '" + id + "'"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/batch", "/batch/"})
    void storesEveryEventOfABatch(String route) {
        String id = "batch-" + UUID.randomUUID();
        String body = "{\"api_key\":\"%s\",\"sent_at\":\"2026-01-01T00:00:10Z\",\"batch\":[%s,%s,%s]}"
                .formatted(
                        beton.token(),
                        "{\"event\":\"a\",\"distinct_id\":\"" + id + "\",\"timestamp\":\"2026-01-01T00:00:00Z\"}",
                        "{\"event\":\"b\",\"distinct_id\":\"" + id + "\"}",
                        "{\"event\":\"c\",\"distinct_id\":\"" + id + "\"}");
        assertThat(beton.post(route, body).statusCode()).isEqualTo(200);
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id = '" + id + "'"))
                .isEqualTo(3);
        // timestamp 10 s before sent_at: the event happened 10 s before Beton received it
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id = '" + id
                        + "' AND event = 'a' AND timestamp BETWEEN inserted_at - INTERVAL 12 SECOND"
                        + " AND inserted_at - INTERVAL 8 SECOND"))
                .isEqualTo(1);
    }

    @Test
    void storesAnArrayOfEvents() {
        String id = "array-" + UUID.randomUUID();
        String body = "[" + event("x", id) + "," + event("y", id) + "]";
        assertThat(beton.post("/e", body).statusCode()).isEqualTo(200);
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id = '" + id + "'"))
                .isEqualTo(2);
    }

    @Test
    void acceptsGzipByHeaderByQueryAndByMagicBytes() {
        String id = "gzip-" + UUID.randomUUID();
        byte[] body = CaptureFixture.gzip(event("zipped", id));
        assertThat(beton.postBytes("/batch", body, "Content-Encoding", "gzip").statusCode())
                .isEqualTo(200);
        assertThat(beton.postBytes("/i/v0/e/?compression=gzip-js", body).statusCode())
                .isEqualTo(200);
        assertThat(beton.postBytes("/e", body).statusCode()).isEqualTo(200);
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id = '" + id + "'"))
                .isEqualTo(3); // no uuid in the body: each request is a new event
    }

    @Test
    void storesAnEventWithAKnownUuidOnlyOnce() {
        String uuid = UUID.randomUUID().toString();
        String body = "{\"token\":\"%s\",\"event\":\"retried\",\"distinct_id\":\"d\",\"uuid\":\"%s\"}"
                .formatted(beton.token(), uuid);
        assertThat(beton.post("/i/v0/e", body).statusCode()).isEqualTo(200);
        assertThat(beton.post("/i/v0/e", body).statusCode()).isEqualTo(200);
        String twice = "[" + body + "," + body + "]";
        assertThat(beton.post("/e", twice).statusCode()).isEqualTo(200);
        assertThat(beton.count("SELECT count(*) FROM events WHERE uuid = '" + uuid + "'"))
                .isEqualTo(1);
    }

    @Test
    void aKnownUuidWithoutPersonProcessingAndWithGroupsIsStoredOnlyOnce() {
        // As Beton announces its own signals: no person profile, a company group, a fixed uuid.
        String uuid = UUID.randomUUID().toString();
        String body = ("{\"api_key\":\"%s\",\"batch\":[{\"event\":\"beton_signal_fired\",\"distinct_id\":"
                        + "\"beton-signals\",\"uuid\":\"%s\",\"properties\":{\"$process_person_profile\":false,"
                        + "\"$groups\":{\"company\":\"acme.io\"}}}]}")
                .formatted(beton.token(), uuid);
        assertThat(beton.post("/batch", body).statusCode()).isEqualTo(200);
        assertThat(beton.post("/batch", body).statusCode()).isEqualTo(200);
        assertThat(beton.count("SELECT count(*) FROM events WHERE uuid = '" + uuid + "'"))
                .isEqualTo(1);
    }

    static Stream<Arguments> rejections() {
        String good = "{\"event\":\"ok\",\"distinct_id\":\"d\"}";
        return Stream.of(
                Arguments.of("{\"event\":\"e\",\"distinct_id\":\"d\"}", 401, "event submitted without an api_key"),
                Arguments.of(
                        "{\"api_key\":\"\",\"event\":\"e\",\"distinct_id\":\"d\"}", 401, "API key is not valid: empty"),
                Arguments.of(
                        "{\"api_key\":\"phx_secret\",\"event\":\"e\",\"distinct_id\":\"d\"}",
                        401,
                        "API key is not valid: personal_api_key"),
                Arguments.of(
                        "{\"api_key\":\"phc_unknown\",\"event\":\"e\",\"distinct_id\":\"d\"}",
                        401,
                        CaptureController.UNKNOWN_TOKEN),
                Arguments.of(
                        "[{\"api_key\":\"TOKEN\",\"event\":\"e\",\"distinct_id\":\"d\"},"
                                + "{\"api_key\":\"phc_other\",\"event\":\"e\",\"distinct_id\":\"d\"}]",
                        401,
                        "batch submitted with inconsistent api_key values"),
                Arguments.of(
                        "{\"api_key\":\"TOKEN\",\"batch\":[" + good + ",{\"event\":\"\",\"distinct_id\":\"d\"}]}",
                        400,
                        "event submitted with an empty event name"),
                Arguments.of(
                        "{\"api_key\":\"TOKEN\",\"batch\":[" + good + ",{\"event\":\"e\"}]}",
                        400,
                        "event submitted without a distinct_id"),
                Arguments.of(
                        "{\"api_key\":\"TOKEN\",\"batch\":[" + good
                                + ",{\"event\":\"e\",\"distinct_id\":\"d\",\"uuid\":\"nope\"}]}",
                        400,
                        "failed to parse request: invalid uuid 'nope'"),
                Arguments.of(
                        "{\"api_key\":\"TOKEN\",\"batch\":[" + good
                                + ",{\"event\":\"e\",\"distinct_id\":\"d\",\"timestamp\":\"yesterday\"}]}",
                        400,
                        "failed to parse request: invalid timestamp 'yesterday'"),
                Arguments.of("{\"api_key\":\"TOKEN\",\"batch\":[]}", 400, "request holds no event"),
                Arguments.of("{\"api_key\":\"TOKEN\",\"event\":", 400, "failed to parse request: "));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void rejectsTheWholeRequestWithPostHogsSentence(String body, int status, String sentence) {
        String kept = "kept-" + UUID.randomUUID();
        assertThat(beton.post("/i/v0/e", event("earlier", kept)).statusCode()).isEqualTo(200);
        long before = beton.events();

        HttpResponse<String> response = beton.post("/batch", body.replace("TOKEN", beton.token()));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).startsWith(sentence);
        assertThat(beton.events()).isEqualTo(before);
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id = '" + kept + "'"))
                .isEqualTo(1);
    }

    @Test
    void rejectsBodiesOverTheRouteLimitAndEventsOverOneMegabyte() {
        long before = beton.events();
        String big = "x".repeat(1_100_000);
        String oneLargeEvent =
                "{\"api_key\":\"%s\",\"event\":\"e\",\"distinct_id\":\"d\",\"properties\":{\"blob\":\"%s\"}}"
                        .formatted(beton.token(), big);
        assertThat(beton.post("/batch", oneLargeEvent).statusCode()).isEqualTo(413);
        String overTwoMegabytes = "[" + oneLargeEvent + "," + oneLargeEvent + "]";
        HttpResponse<String> single = beton.post("/i/v0/e", overTwoMegabytes);
        assertThat(single.statusCode()).isEqualTo(413);
        assertThat(single.body()).isEqualTo("maximum event size exceeded");
        assertThat(beton.events()).isEqualTo(before);
    }

    @Test
    void groupIdentifyUpsertsTheGroupAndGroupsFillTheGroupColumns() {
        String key = "acme-" + UUID.randomUUID();
        String identify = "{\"api_key\":\"%s\",\"event\":\"$groupidentify\",\"distinct_id\":\"x\",\"properties\":"
                + "{\"$group_type\":\"company\",\"$group_key\":\"%s\",\"$group_set\":{\"name\":\"Acme\",\"plan\":\"free\"}}}";
        assertThat(beton.post("/i/v0/e", identify.formatted(beton.token(), key)).statusCode())
                .isEqualTo(200);
        String update = "{\"api_key\":\"%s\",\"event\":\"$groupidentify\",\"distinct_id\":\"x\",\"properties\":"
                + "{\"$group_type\":\"company\",\"$group_key\":\"%s\",\"$group_set\":{\"plan\":\"pro\"}}}";
        assertThat(beton.post("/i/v0/e", update.formatted(beton.token(), key)).statusCode())
                .isEqualTo(200);
        String used = "{\"api_key\":\"%s\",\"event\":\"feature_used\",\"distinct_id\":\"u\",\"properties\":"
                + "{\"$groups\":{\"company\":\"%s\"}}}";
        assertThat(beton.post("/i/v0/e", used.formatted(beton.token(), key)).statusCode())
                .isEqualTo(200);

        String index = beton.string("SELECT group_type_index FROM group_types WHERE group_type = 'company'");
        assertThat(beton.string("SELECT properties FROM groups WHERE group_key = '" + key + "'"))
                .contains("\"name\":\"Acme\"")
                .contains("\"plan\":\"pro\"");
        assertThat(beton.count("SELECT count(*) FROM events WHERE \"$group_" + index + "\" = '" + key + "'"))
                .isEqualTo(1);
    }

    /** Issue 11, must fix 6: five invented types in one event used to take all five slots. */
    @Test
    void inventedGroupTypesAreKeptOnTheEventButClaimNoSlot() {
        String id = "invent-" + UUID.randomUUID();
        String invented = "{\"api_key\":\"%s\",\"event\":\"e\",\"distinct_id\":\"%s\",\"properties\":{\"$groups\":"
                + "{\"x1\":\"k\",\"x2\":\"k\",\"x3\":\"k\",\"x4\":\"k\",\"x5\":\"k\"}}}";
        assertThat(beton.post("/i/v0/e", invented.formatted(beton.token(), id)).statusCode())
                .isEqualTo(200);
        String identify = "{\"api_key\":\"%s\",\"event\":\"$groupidentify\",\"distinct_id\":\"%s\",\"properties\":"
                + "{\"$group_type\":\"x6\",\"$group_key\":\"k\",\"$group_set\":{\"name\":\"K\"}}}";
        assertThat(beton.post("/i/v0/e", identify.formatted(beton.token(), id)).statusCode())
                .isEqualTo(200);

        assertThat(beton.count("SELECT count(*) FROM group_types WHERE group_type LIKE 'x%'"))
                .isZero();
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id = '" + id + "'"))
                .isEqualTo(2);
        assertThat(beton.string("SELECT properties FROM events WHERE distinct_id = '" + id + "' AND event = 'e'"))
                .contains("\"x5\":\"k\"");
        String company = "{\"api_key\":\"%s\",\"batch\":[{\"event\":\"e\",\"distinct_id\":\"%s\",\"properties\":"
                + "{\"$groups\":{\"company\":\"acme\",\"x1\":\"k\"}}}]}";
        assertThat(beton.post("/batch", company.formatted(beton.token(), id)).statusCode())
                .isEqualTo(200);
        assertThat(beton.count("SELECT count(*) FROM group_types WHERE group_type = 'company'"))
                .isEqualTo(1);
    }

    @Test
    void identifyLinksTheAnonymousIdAndSetsPersonProperties() {
        String anon = "anon-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        assertThat(beton.post("/e", event("$pageview", anon)).statusCode()).isEqualTo(200);
        String identify = "{\"api_key\":\"%s\",\"event\":\"$identify\",\"distinct_id\":\"%s\",\"properties\":"
                + "{\"$anon_distinct_id\":\"%s\",\"$set\":{\"email\":\"a@b.c\"},\"$set_once\":{\"first\":\"x\"}}}";
        assertThat(beton.post("/e", identify.formatted(beton.token(), user, anon))
                        .statusCode())
                .isEqualTo(200);
        String again = "{\"api_key\":\"%s\",\"event\":\"e\",\"distinct_id\":\"%s\",\"$set_once\":{\"first\":\"y\"}}";
        assertThat(beton.post("/e", again.formatted(beton.token(), user)).statusCode())
                .isEqualTo(200);

        String anonPerson =
                beton.string("SELECT person_id FROM person_distinct_ids WHERE distinct_id = '" + anon + "'");
        String userPerson =
                beton.string("SELECT person_id FROM person_distinct_ids WHERE distinct_id = '" + user + "'");
        assertThat(userPerson).isEqualTo(anonPerson);
        assertThat(beton.string("SELECT properties FROM persons WHERE id = '" + userPerson + "'"))
                .contains("\"email\":\"a@b.c\"")
                .contains("\"first\":\"x\"");
    }

    @Test
    void createAliasLinksTheAliasToTheSamePerson() {
        String user = "user-" + UUID.randomUUID();
        String alias = "alias-" + UUID.randomUUID();
        assertThat(beton.post("/e", event("signed_up", user)).statusCode()).isEqualTo(200);
        String body = "{\"api_key\":\"%s\",\"event\":\"$create_alias\",\"distinct_id\":\"%s\","
                + "\"properties\":{\"alias\":\"%s\"}}";
        assertThat(beton.post("/e", body.formatted(beton.token(), user, alias)).statusCode())
                .isEqualTo(200);
        assertThat(beton.post("/e", event("later", alias)).statusCode()).isEqualTo(200);

        assertThat(beton.string("SELECT person_id FROM events WHERE distinct_id = '" + alias + "'"))
                .isEqualTo(
                        beton.string("SELECT person_id FROM person_distinct_ids WHERE distinct_id = '" + user + "'"));
    }

    @Test
    void anOffsetPlacesTheEventThatManyMillisecondsBeforeArrival() {
        String id = "offset-" + UUID.randomUUID();
        String body = "{\"api_key\":\"%s\",\"event\":\"e\",\"distinct_id\":\"%s\",\"offset\":60000}";
        assertThat(beton.post("/e", body.formatted(beton.token(), id)).statusCode())
                .isEqualTo(200);
        assertThat(
                        beton.count(
                                "SELECT count(*) FROM events WHERE distinct_id = '" + id
                                        + "' AND timestamp BETWEEN inserted_at - INTERVAL 62 SECOND AND inserted_at - INTERVAL 58 SECOND"))
                .isEqualTo(1);
    }

    @Test
    void skipsPersonProcessingWhenAsked() {
        String id = "personless-" + UUID.randomUUID();
        String body = "{\"api_key\":\"%s\",\"event\":\"e\",\"distinct_id\":\"%s\",\"properties\":"
                + "{\"$process_person_profile\":false,\"$set\":{\"a\":1}}}";
        assertThat(beton.post("/e", body.formatted(beton.token(), id)).statusCode())
                .isEqualTo(200);
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(beton.count("SELECT count(*) FROM person_distinct_ids WHERE distinct_id = '" + id + "'"))
                .isZero();
    }

    @Test
    void refusesARotatedToken() {
        String old = beton.token();
        workspaces.rotateProjectToken(beton.workspaceId());
        HttpResponse<String> response = beton.post("/e", event("e", "d").replace(beton.token(), old));
        beton = new CaptureFixture(port, warehouse, workspaces);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(beton.post("/e", event("e", "d")).statusCode()).isEqualTo(200);
    }

    @Test
    void answersBrowserPreflights() {
        HttpResponse<String> response = beton.send(HttpRequest.newBuilder(beton.uri("/i/v0/e/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
    }

    @Test
    void decidesABodysEncodingFromItsBytes() {
        String plain = "plain-" + UUID.randomUUID();
        byte[] base64 = java.util.Base64.getEncoder()
                .encode(event("e", plain).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(beton.postBytes("/i/v0/e/", base64, "Content-Type", "text/plain")
                        .statusCode())
                .isEqualTo(200);
        String form = "form-" + UUID.randomUUID();
        byte[] formBody = ("data="
                        + java.net.URLEncoder.encode(
                                java.util.Base64.getEncoder()
                                        .encodeToString(
                                                event("e", form).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                                java.nio.charset.StandardCharsets.UTF_8))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(beton.postBytes(
                                "/e/?compression=gzip-js",
                                formBody,
                                "Content-Type",
                                "application/x-www-form-urlencoded")
                        .statusCode())
                .isEqualTo(200);
        assertThat(beton.count("SELECT count(*) FROM events WHERE distinct_id IN ('" + plain + "', '" + form + "')"))
                .isEqualTo(2);
    }

    @Test
    void answersTheRemoteConfigLikePostHogWithAutocaptureOnAndNoCookie() {
        HttpResponse<String> config =
                beton.send(HttpRequest.newBuilder(beton.uri("/array/" + beton.token() + "/config"))
                        .header("Origin", "https://app.example.com")
                        .GET()
                        .build());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body())
                .contains("\"autocapture_opt_out\":false", "\"token\":\"" + beton.token() + "\"", "\"/i/v0/e/\"");
        assertThat(config.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(config.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> script =
                beton.send(HttpRequest.newBuilder(beton.uri("/array/" + beton.token() + "/config.js"))
                        .GET()
                        .build());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/javascript"));
        assertThat(script.body()).startsWith("(function() {\n  window._POSTHOG_CONFIG = {");

        HttpResponse<String> flags = beton.post("/flags/?v=2&config=true", "{\"token\":\"" + beton.token() + "\"}");
        assertThat(flags.body()).contains("\"featureFlags\":{}", "\"autocapture_opt_out\":false");
        assertThat(flags.headers().firstValue("Set-Cookie")).isEmpty();

        assertThat(beton.send(HttpRequest.newBuilder(beton.uri("/array/phc_unknown/config"))
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(404);
        assertThat(beton.send(HttpRequest.newBuilder(beton.uri("/array/b%24d/config"))
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(400);
    }
}
