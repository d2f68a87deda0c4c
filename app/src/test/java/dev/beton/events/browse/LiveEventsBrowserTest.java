package dev.beton.events.browse;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In real Chromium: an event sent to capture shows up on the live page without a reload. Uses
 * the shared Chromium fixture, so under CI a missing browser fails the test instead of skipping it.
 */
@OnEmbeddedStore
class LiveEventsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Test
    void anEventSentBySdkAppearsOnTheLivePage() throws Exception {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create(
                "Live", Optional.of("live-" + UUID.randomUUID().toString().substring(0, 8)), admin);
        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.loggedIn(baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
            page.navigate(baseUrl() + "/events/live?workspace=" + workspace.slug());
            assertThat(page.locator("#live-events")).containsText("No events yet");

            String user = "browser-" + UUID.randomUUID();
            HttpResponse<String> sent = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/i/v0/e/"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\":\""
                                            + workspace.projectToken() + "\",\"event\":\"sdk_says_hello\","
                                            + "\"distinct_id\":\"" + user + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThat(sent.statusCode()).isEqualTo(200);

            assertThat(page.locator("#live-events")).containsText("sdk_says_hello");
            assertThat(page.locator("#live-events")).containsText(user);
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "events-live");
        }
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
