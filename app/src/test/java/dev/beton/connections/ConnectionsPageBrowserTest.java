package dev.beton.connections;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.beton.contract.ContractValidator;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A RevOps manager connects PostHog and Attio in Chromium against the emulators: a project token
 * pasted by mistake, a wrong key, the right key, another project, a test, Attio with too few
 * scopes and then enough, and disconnect. No key ever appears in a page.
 */
@OnEmbeddedStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionsPageBrowserTest {

    @RegisterExtension
    static final ContractValidator posthogContract = ContractValidator.posthog().allowNoExchanges();

    @RegisterExtension
    static final ContractValidator attioContract = ContractValidator.attio().allowNoExchanges();

    static final PostHogWorld posthog = new PostHogWorld(posthogContract);
    static final AttioWorld attio = new AttioWorld(attioContract);

    static final List<String> SECRETS =
            List.of(PostHogWorld.US_KEY, PostHogWorld.UNKNOWN_KEY, AttioWorld.FULL_TOKEN, AttioWorld.NARROW_TOKEN);

    @DynamicPropertySource
    static void integrations(DynamicPropertyRegistry registry) {
        registry.add("beton.posthog.us-url", () -> posthog.us.baseUrl().toString());
        registry.add("beton.posthog.eu-url", () -> posthog.eu.baseUrl().toString());
        registry.add("beton.attio.base-url", () -> attio.baseUrl().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @Test
    void connectPostHogAndAttioThroughEveryKindOfMistake() {
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create(
                "Browser Connections",
                Optional.of("bc-" + UUID.randomUUID().toString().substring(0, 8)),
                adminId);
        String base = "http://localhost:" + port;
        Page page = chromium.loggedIn(base, TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(base + "/settings/connections?workspace=" + workspace.slug());
        assertThat(page.locator("#posthog .state")).hasText("not connected");

        connectPostHog(page, PostHogWorld.MAIN.apiToken());
        assertThat(page.locator("#posthog-error")).containsText("This is a project token (phc_…)");
        assertThat(page.locator("#posthog-error")).containsText("Personal API keys");
        assertThat(page.locator("#posthog-error")).hasAttribute("data-error-type", "invalid_format");
        assertThat(page.locator("#posthog-key")).hasValue("");

        connectPostHog(page, PostHogWorld.UNKNOWN_KEY);
        assertThat(page.locator("#posthog-error")).containsText("PostHog did not accept this key");
        assertThat(page.locator("#posthog-error")).hasAttribute("data-error-type", "unauthorized");

        connectPostHog(page, PostHogWorld.US_KEY);
        assertThat(page.locator("#posthog-message")).containsText("PostHog is connected: project Main app");
        assertThat(page.locator("#posthog .state")).hasText("connected");
        assertThat(page.locator("#posthog-facts")).containsText("phx_…nopq");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "connections-posthog-connected");

        page.selectOption("#posthog-project-choice", "102");
        page.click("#posthog-choose button");
        assertThat(page.locator("#posthog-project")).containsText("Staging (102)");

        page.click("#posthog-test");
        assertThat(page.locator("#posthog-message")).containsText("PostHog answered: project Staging");

        connectAttio(page, AttioWorld.NARROW_TOKEN);
        assertThat(page.locator("#attio-message")).containsText("record_permission:read-write");
        assertThat(page.locator("#attio .state")).hasText("needs attention");

        connectAttio(page, AttioWorld.FULL_TOKEN);
        assertThat(page.locator("#attio-message")).containsText("Attio is connected: workspace Acme CRM");
        assertThat(page.locator("#attio .state")).hasText("connected");
        page.click("#attio-test");
        assertThat(page.locator("#attio-message")).containsText("Acme CRM");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "connections-both-connected");

        // The budget figures of the connected project, and PostHog chosen as the event source.
        assertThat(page.locator("#posthog-queries-used")).containsText("of 2000");
        assertThat(page.locator("#source-current")).hasText("Beton's own store");
        page.selectOption("#source-choice", "posthog");
        page.click("#source-choose button[type=submit]");
        page.waitForLoadState();
        assertThat(page.locator("#source-current")).hasText("PostHog (HogQL queries)");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "connections-posthog-event-source");
        page.selectOption("#source-choice", "embedded");
        page.click("#source-choose button[type=submit]");
        page.waitForLoadState();
        assertThat(page.locator("#source-current")).hasText("Beton's own store");

        page.click("#posthog-disconnect");
        assertThat(page.locator("#posthog-message")).containsText("PostHog is disconnected");
        assertThat(page.locator("#posthog .state")).hasText("not connected");

        String html = page.content();
        SECRETS.forEach(secret -> assertThat(html).doesNotContain(secret));
    }

    private static void connectPostHog(Page page, String key) {
        page.fill("#posthog-key", key);
        page.click("#posthog-connect button[type=submit]");
        page.waitForLoadState();
    }

    private static void connectAttio(Page page, String key) {
        page.fill("#attio-key", key);
        page.click("#attio-connect button[type=submit]");
        page.waitForLoadState();
    }
}
