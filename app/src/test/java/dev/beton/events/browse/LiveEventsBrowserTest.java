package dev.beton.events.browse;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** In real Chromium: an event sent to capture shows up on the live page without a reload. */
@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/live-browser",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf("chromiumInstalled")
class LiveEventsBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static {
        TestDataDirs.fresh("live-browser");
    }

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Test
    void anEventSentBySdkAppearsOnTheLivePage() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Map<String, String> env = Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "XDG_CONFIG_HOME", target.toString(),
                "XDG_CACHE_HOME", target.toString(),
                "TMPDIR", target.toString());
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
                Browser browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(CHROMIUM)
                                .setHeadless(true))) {
            Page page = browser.newPage();
            page.navigate("http://localhost:" + port + "/login");
            page.fill("#username", "admin@example.com");
            page.fill("#password", "correct-horse-battery");
            page.click("button[type=submit]");
            page.navigate("http://localhost:" + port + "/events/live");
            assertThat(page.locator("#live-events")).containsText("No events yet");

            String user = "browser-" + UUID.randomUUID();
            String token = workspaces.bySlug("default").orElseThrow().projectToken();
            HttpResponse<String> sent = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/i/v0/e/"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\":\"" + token
                                            + "\",\"event\":\"sdk_says_hello\"," + "\"distinct_id\":\"" + user + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThat(sent.statusCode()).isEqualTo(200);

            assertThat(page.locator("#live-events")).containsText("sdk_says_hello");
            assertThat(page.locator("#live-events")).containsText(user);
        }
    }
}
