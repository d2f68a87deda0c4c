package dev.beton.events.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Workspaces;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/events-read-back",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventsReadBackTest {

    static {
        TestDataDirs.fresh("events-read-back");
    }

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final String basic = "Basic "
            + Base64.getEncoder()
                    .encodeToString("admin@example.com:correct-horse-battery".getBytes(StandardCharsets.UTF_8));
    private static boolean sent;

    @BeforeEach
    void sendEvents() throws Exception {
        if (sent) {
            return;
        }
        sent = true;
        String token = workspaces.bySlug("default").orElseThrow().projectToken();
        StringBuilder batch = new StringBuilder("{\"api_key\":\"" + token + "\",\"batch\":[");
        for (int i = 0; i < 25; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"event\":\"%s\",\"distinct_id\":\"u%d\",\"timestamp\":\"2026-03-01T10:%02d:00Z\","
                            .formatted(i % 5 == 0 ? "upgraded" : "feature_used", i % 3, i))
                    .append("\"properties\":{\"$groups\":{\"company\":\"acme\"},\"n\":%d}}".formatted(i));
        }
        batch.append("]}");
        assertThat(post("/batch", batch.toString()).statusCode()).isEqualTo(200);
    }

    @Test
    void pagesThroughEventsNewestFirstWithAKeysetCursor() throws Exception {
        JsonNode first = get("/api/v1/events?limit=10");
        assertThat(first.get("results")).hasSize(10);
        assertThat(first.get("results").get(0).get("timestamp").asString()).isEqualTo("2026-03-01T10:24:00Z");
        JsonNode second =
                get("/api/v1/events?limit=10&cursor=" + first.get("next").asString());
        JsonNode third =
                get("/api/v1/events?limit=10&cursor=" + second.get("next").asString());
        assertThat(second.get("results").get(0).get("timestamp").asString()).isEqualTo("2026-03-01T10:14:00Z");
        assertThat(third.get("results")).hasSize(5);
        assertThat(third.get("next").isNull()).isTrue();
    }

    @Test
    void filtersByEventDistinctIdGroupAndTime() throws Exception {
        assertThat(get("/api/v1/events?event=upgraded").get("results")).hasSize(5);
        assertThat(get("/api/v1/events?distinct_id=u1").get("results")).hasSize(8);
        assertThat(get("/api/v1/events?group=acme").get("results")).hasSize(25);
        assertThat(get("/api/v1/events?group=other").get("results")).isEmpty();
        JsonNode window = get("/api/v1/events?after=2026-03-01T10:05:00Z&before=2026-03-01T10:10:00Z");
        assertThat(window.get("results")).hasSize(5);
        assertThat(window.get("results").get(0).get("groups").get("company").asString())
                .isEqualTo("acme");
    }

    @Test
    void summarizesTheStore() throws Exception {
        JsonNode stats = get("/api/v1/events/stats");
        assertThat(stats.get("totalEvents").asLong()).isEqualTo(25);
        assertThat(stats.get("firstTimestamp").asString()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(stats.get("lastTimestamp").asString()).isEqualTo("2026-03-01T10:24:00Z");
        assertThat(stats.get("persons").asLong()).isEqualTo(3);
        assertThat(stats.get("byEvent").get(0).get("name").asString()).isEqualTo("feature_used");
        assertThat(stats.get("groupsByType").get(0).get("name").asString()).isEqualTo("company");
    }

    @Test
    void answersABadCursorWithAProblem() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/api/v1/events?cursor=garbage"))
                        .header("Authorization", basic)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("cursor");
    }

    /** Issue 11, must fix 8: a year beyond what the store holds answered 500. */
    @Test
    void answersAnAfterBeyondTheYear9999WithAProblemNotA500() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/api/v1/events?after=%2B300000-01-01T00:00:00Z"))
                        .header("Authorization", basic)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("between the years 1 and 9999");
    }

    @Test
    void liveViewShowsTheLatestArrivals() throws Exception {
        logIn();
        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(uri("/events/live")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Live events")
                .contains("feature_used")
                .contains("phc_")
                .contains("hx-get");
        HttpResponse<String> rows = http.send(
                HttpRequest.newBuilder(uri("/events/live/rows")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rows.body()).startsWith("<tbody").contains("upgraded");
    }

    @Test
    void uploadPageImportsAFileAndShowsItsProgress() throws Exception {
        logIn();
        String form = http.send(
                        HttpRequest.newBuilder(uri("/events/import")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        String csrf = csrfOf(form);
        String boundary = "----beton" + System.nanoTime();
        String content = "{\"event\":\"uploaded\",\"distinct_id\":\"up\"}\nnot json\n";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"up.jsonl\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(uri("/events/import"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.body()).contains("up.jsonl");
        Matcher job =
                Pattern.compile("job=([0-9a-f-]{36})").matcher(started.uri().toString());
        assertThat(job.find()).isTrue();
        String progress = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> http.send(
                                        HttpRequest.newBuilder(uri("/events/import/jobs/" + job.group(1)))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body(),
                        page -> page.contains("DONE"));
        assertThat(progress)
                .contains("DONE")
                .contains("2 read, 1 stored, 0 duplicates, 1 rejected")
                .contains("line 2");
    }

    private void logIn() throws Exception {
        String login = http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        String form = "username=" + URLEncoder.encode("admin@example.com", StandardCharsets.UTF_8)
                + "&password=correct-horse-battery&_csrf=" + csrfOf(login);
        http.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrfOf(String html) {
        Matcher csrf = Pattern.compile("name=\"_csrf\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")
                .matcher(html);
        assertThat(csrf.find()).as("csrf field in the form").isTrue();
        return csrf.group(1);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri(path)).header("Authorization", basic).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
