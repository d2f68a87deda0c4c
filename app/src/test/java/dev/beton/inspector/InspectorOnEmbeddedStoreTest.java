package dev.beton.inspector;

import static dev.beton.inspector.InspectorWorld.AS_OF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.ingest.EventIngestion;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Rules run through the API on the embedded store, over a world whose punch lists are worked out
 * by hand: scores, ranks, columns, as-of, filters, CSV, versions with a shadow run, and the
 * problem details of bad input.
 */
@OnEmbeddedStore
class InspectorOnEmbeddedStoreTest {

    static final String PQA = "PQA - Active Accounts with Multiple Users";

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EventIngestion ingestion;

    Http http;
    Workspace workspace;

    @BeforeEach
    void world() {
        http = new Http(port);
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        workspace = workspaces.create("Inspector " + UUID.randomUUID(), Optional.empty(), admin);
        InspectorWorld world = new InspectorWorld(ingestion, workspace.id());
        handBuilt(world);
        world.ingest();
    }

    /**
     * acme: 3 users, 55 events on days 1, 2, 3 and 10 before as-of; globex: 2 users and 60 events
     * (a third user only after as-of); initech: 3 users, 51 events, all 9 days ago; hooli: 3
     * users, 50 events on days 2, 3, 5 (and a fourth user 31 days ago, outside the window).
     */
    static void handBuilt(InspectorWorld world) {
        world.company(
                        "acme",
                        "{\"name\": \"=HYPERLINK(\\\"http://x\\\")\", \"domain\": \"acme.io\", \"plan\": \"pro\","
                                + " \"mrr\": 499}")
                .company("globex", "{\"name\": \"Globex\", \"segment\": \"enterprise\", \"arr\": 120000}")
                .person("ann@acme.io", "{\"email\": \"ann@acme.io\", \"name\": \"Ann\"}")
                .events("feature_used", "ann@acme.io", "acme", 1, 10, "{\"feature\": \"reports\"}")
                .events("feature_used", "ann@acme.io", "acme", 2, 10, "{\"feature\": \"reports\"}")
                .events("logged_in", "bob@acme.io", "acme", 3, 20, "{}")
                .events("created_report", "cat@acme.io", "acme", 10, 15, "{}")
                .events("page_viewed", "g1@globex.com", "globex", 1, 30, "{}")
                .events("page_viewed", "g2@globex.com", "globex", 2, 30, "{}")
                .eventsAt("page_viewed", "g3@globex.com", "globex", AS_OF.plus(Duration.ofHours(2)), 100, "{}")
                .events("$pageview", "i1@initech.com", "initech", 9, 17, "{}")
                .events("$pageview", "i2@initech.com", "initech", 9, 17, "{}")
                .events("$pageview", "i3@initech.com", "initech", 9, 17, "{}")
                .events("exported_data", "h1@hooli.com", "hooli", 2, 20, "{}")
                .events("exported_data", "h2@hooli.com", "hooli", 3, 20, "{}")
                .events("exported_data", "h3@hooli.com", "hooli", 5, 10, "{}")
                .events("exported_data", "h4@hooli.com", "hooli", 31, 5, "{}");
    }

    @Test
    void aNewWorkspaceHasTheSeedsThreeExamplesAndThePqaRuleFindsTheHandComputedAccounts() {
        JsonNode rules = get("/api/v1/inspection-rules").json();
        assertThat(names(rules))
                .containsExactly(
                        "PQL - High Intent Trial Users", PQA, "Churn Risk - Previously Active, Now Disengaged");
        long pqa = idOf(rules, PQA);

        JsonNode run = run(pqa, AS_OF.toString());
        assertThat(run.get("sql").asString()).startsWith("SELECT").contains("HAVING");
        assertThat(run.get("dialect").asString()).isEqualTo("duckdb");
        JsonNode findings = run.get("findings");
        assertThat(findings).hasSize(2);
        JsonNode acme = findings.get(0);
        assertThat(acme.get("rank").asInt()).isEqualTo(1);
        assertThat(acme.get("account_id").asString()).isEqualTo("acme");
        // ln(1 + 55) + 2 * 4 - 0.5 * 1
        assertThat(acme.get("score").asDouble()).isEqualTo(Finding.round(Math.log(56) + 8 - 0.5));
        assertThat(acme.get("event_count").asLong()).isEqualTo(55);
        assertThat(acme.get("active_users").asLong()).isEqualTo(3);
        assertThat(acme.get("active_days").asLong()).isEqualTo(4);
        assertThat(acme.get("days_since_last_event").asLong()).isEqualTo(1);
        assertThat(acme.get("domain").asString()).isEqualTo("acme.io");
        assertThat(acme.get("segment").asString()).isEqualTo("pro");
        assertThat(acme.get("arr").asDouble()).isEqualTo(5988.0);
        assertThat(acme.has("email")).isFalse();
        JsonNode hooli = findings.get(1);
        assertThat(hooli.get("account_id").asString()).isEqualTo("hooli");
        // ln(1 + 50) + 2 * 3 - 0.5 * 2: h4's events 31 days ago are outside the window
        assertThat(hooli.get("score").asDouble()).isEqualTo(Finding.round(Math.log(51) + 6 - 1));
        assertThat(hooli.get("active_users").asLong()).isEqualTo(3);
        JsonNode summary = run.get("summary");
        assertThat(summary.get("findings").asInt()).isEqualTo(2);
        assertThat(summary.get("total_events").asLong()).isEqualTo(105);
    }

    @Test
    void eventsAfterAsOfDoNotChangeTheResultButALaterAsOfSeesThem() {
        long pqa = idOf(get("/api/v1/inspection-rules").json(), PQA);
        String before = run(pqa, AS_OF.toString()).get("findings").toString();

        InspectorWorld later = new InspectorWorld(ingestion, workspace.id());
        later.eventsAt("exported_data", "h5@hooli.com", "hooli", AS_OF.plus(Duration.ofMinutes(30)), 40, "{}");
        later.ingest();

        assertThat(run(pqa, AS_OF.toString()).get("findings").toString()).isEqualTo(before);
        // A day later, globex's third user (who came after as-of) makes it qualify.
        assertThat(accounts(run(pqa, AS_OF.plus(Duration.ofDays(1)).toString()).get("findings")))
                .contains("globex");
    }

    @Test
    void aUserRuleWithAPropertyFilterFiltersSortsAndExportsExcelSafeCsv() {
        Http.Response created = post(
                "/api/v1/inspection-rules",
                "{\"name\": \"Feature fans\", \"level\": \"user\", \"time_window_days\": 30,"
                        + " \"conditions\": {\"event_names\": [\"feature_used\", \"logged_in\"], \"min_event_count\": 15}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        JsonNode findings = run(id, AS_OF.toString()).get("findings");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).get("user_id").asString()).isEqualTo("ann@acme.io");
        assertThat(findings.get(0).get("email").asString()).isEqualTo("ann@acme.io");
        assertThat(findings.get(0).get("name").asString()).isEqualTo("Ann");
        assertThat(findings.get(0).get("distinct_events").asLong()).isEqualTo(1);
        // ln(21) + 2 * 2 - 0.5 * 1, and bob: ln(21) + 2 * 1 - 0.5 * 3
        assertThat(findings.get(0).get("score").asDouble()).isEqualTo(Finding.round(Math.log(21) + 3.5));
        assertThat(findings.get(1).get("score").asDouble()).isEqualTo(Finding.round(Math.log(21) + 0.5));

        Http.Response sortedAsc = post(
                "/api/v1/inspection-rules/" + id + "/run",
                "{\"as_of\": \"" + AS_OF + "\", \"sort\": \"days_since_last_event\", \"order\": \"desc\","
                        + " \"filter\": \"BOB\"}");
        assertThat(sortedAsc.json().get("findings")).hasSize(1);
        assertThat(sortedAsc.json().get("summary").get("findings").asInt()).isEqualTo(2);

        Http.Response put = send(
                "PUT",
                "/api/v1/inspection-rules/" + id,
                "{\"name\": \"Feature fans\", \"level\": \"user\", \"time_window_days\": 30,"
                        + " \"conditions\": {\"event_names\": [\"feature_used\", \"logged_in\"], \"min_event_count\": 15,"
                        + " \"event_property_filters\": {\"feature\": \"reports\"}}}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("version").asInt()).isEqualTo(2);
        assertThat(run(id, AS_OF.toString()).get("findings")).hasSize(1);

        JsonNode shadow = post("/api/v1/inspection-rules/" + id + "/shadow", "{\"as_of\": \"" + AS_OF + "\"}")
                .json();
        assertThat(shadow.get("previous_version").asInt()).isEqualTo(1);
        assertThat(shadow.get("entering")).isEmpty();
        assertThat(shadow.get("leaving")).hasSize(1);
        assertThat(shadow.get("leaving").get(0).get("user_id").asString()).isEqualTo("bob@acme.io");
        assertThat(shadow.get("staying").asInt()).isEqualTo(1);

        Http.Response exported = get("/api/v1/inspection-rules/" + id + "/rule.json");
        assertThat(exported.json()
                        .get("conditions")
                        .get("event_property_filters")
                        .get("feature")
                        .asString())
                .isEqualTo("reports");
        assertThat(exported.json().has("id")).isFalse();
    }

    @Test
    void theCsvNeutralisesFormulasFromGroupData() {
        long pqa = idOf(get("/api/v1/inspection-rules").json(), PQA);
        Http.Response csv = get("/api/v1/inspection-rules/" + pqa + "/findings.csv?as_of=" + AS_OF);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("Score,Account ID,Name,Domain,Segment,ARR,Event count,Active users,Active days,"
                        + "Days since last event,Last seen");
        assertThat(lines.get(1)).startsWith("11.53,acme,\"'=HYPERLINK(\"\"http://x\"\")\",acme.io,pro,5988,55,3,4,1,");
        assertThat(lines).hasSize(3);
    }

    @Test
    void badInputIsAProblemDetailNamingTheField() {
        assertProblem(
                post("/api/v1/inspection-rules", "{\"name\": \"x\", \"level\": \"team\", \"time_window_days\": 7}"),
                400,
                "level");
        assertProblem(
                post(
                        "/api/v1/inspection-rules",
                        "{\"name\": \"x\", \"level\": \"user\", \"time_window_days\": \"seven\"}"),
                400,
                "time_window_days");
        assertProblem(
                post(
                        "/api/v1/inspection-rules",
                        "{\"name\": \"x\", \"level\": \"user\", \"time_window_days\": 7,"
                                + " \"conditions\": {\"min_event_count\": -1, \"min_active_users\": 2}}"),
                400,
                "conditions.min_event_count");
        assertProblem(
                post(
                        "/api/v1/inspection-rules",
                        "{\"name\": \"x\", \"level\": \"user\", \"time_window_days\": 7," + " \"colour\": \"red\"}"),
                400,
                "colour");
        assertProblem(
                post("/api/v1/inspection-rules", "{\"name\": \"\", \"level\": \"user\", \"time_window_days\": 0}"),
                400,
                "time_window_days");
        Http.Response taken = post(
                "/api/v1/inspection-rules",
                "{\"name\": \"" + PQA.toLowerCase() + "\", \"level\": \"user\", \"time_window_days\": 7}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asString()).isEqualTo("urn:beton:problem:rule-name-taken");
        long pqa = idOf(get("/api/v1/inspection-rules").json(), PQA);
        Http.Response badSort = post("/api/v1/inspection-rules/" + pqa + "/run", "{\"sort\": \"email\"}");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.json().get("detail").asString()).startsWith("sort:");
        assertThat(post("/api/v1/inspection-rules/999999/run", "{}").status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/inspection-rules/" + pqa + "?workspace=" + workspace.slug(), Http.adminBasic())
                        .status())
                .isEqualTo(204);
        assertThat(names(get("/api/v1/inspection-rules").json())).doesNotContain(PQA);
    }

    private void assertProblem(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:beton:problem:invalid-rule");
        assertThat(response.json().get("errors").has(field)).as(response.body()).isTrue();
        assertThat(response.json().get("detail").asString()).contains(field);
    }

    private JsonNode run(long id, String asOf) {
        Http.Response response = post("/api/v1/inspection-rules/" + id + "/run", "{\"as_of\": \"" + asOf + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Http.Response get(String path) {
        return http.get(path + (path.contains("?") ? "&" : "?") + "workspace=" + workspace.slug(), Http.adminBasic());
    }

    private Http.Response post(String path, String json) {
        return http.postJson(path + "?workspace=" + workspace.slug(), Http.adminBasic(), json);
    }

    private Http.Response send(String method, String path, String json) {
        return http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path + "?workspace=" + workspace.slug()))
                .header("Content-Type", "application/json")
                .header("Authorization", Http.adminBasic())
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static List<String> names(JsonNode rules) {
        return StreamSupport.stream(rules.spliterator(), false)
                .map(r -> r.get("rule").get("name").asString())
                .toList();
    }

    private static List<String> accounts(JsonNode findings) {
        return StreamSupport.stream(findings.spliterator(), false)
                .map(f -> f.get("account_id").asString())
                .toList();
    }

    static long idOf(JsonNode rules, String name) {
        return StreamSupport.stream(rules.spliterator(), false)
                .filter(r -> r.get("rule").get("name").asString().equals(name))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
    }
}
