package dev.beton.home;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.beton.dashboards.DashboardCatalog;
import dev.beton.dashboards.DashboardDefinition;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a person sees: log in, the home page with accounts and a chart, and the empty state. */
@OnEmbeddedStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomePageBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @Test
    void loginShowsAccountsSortedAndTheEventsChart() {
        Workspace workspace = newWorkspace("Browser Accounts");
        Instant now = clock.instant();
        new WarehouseFixtures(warehouse, workspace.id())
                .groupType(0, "company")
                .group(0, "acme.com", "{\"name\": \"Acme Inc\"}", now.minus(30, ChronoUnit.DAYS))
                .event("signed_up", "ann", 0, "acme.com", now.minus(3, ChronoUnit.DAYS))
                .event("feature_used", "ann", 0, "acme.com", now.minus(2, ChronoUnit.DAYS))
                .event("feature_used", "bob", 0, "acme.com", now.minus(1, ChronoUnit.HOURS))
                .event("signed_up", "cy", 0, "globex.com", now.minus(10, ChronoUnit.DAYS));

        Page page = chromium.loggedIn(baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(baseUrl() + "/?workspace=" + workspace.slug());

        assertThat(page.locator("h1")).hasText("Browser Accounts");
        assertThat(page.locator("#accounts tbody tr")).hasCount(2);
        assertThat(page.locator("#accounts tbody tr").first()).containsText("Acme Inc");
        assertThat(page.locator("#accounts tbody tr").first()).containsText("3");
        assertThat(page.locator("#events-chart svg")).hasCount(1);
        assertThat(page.locator("#step-events")).hasClass("done");

        page.click("#accounts thead a:has-text('Events')");
        assertThat(page.locator("#accounts tbody tr").first()).containsText("Acme Inc");
        page.click("#accounts thead a:has-text('Events')");
        assertThat(page.locator("#accounts tbody tr").first()).containsText("globex.com");
        // the sorted column says so to screen readers (issue 20 §6)
        assertThat(page.locator("#accounts thead th:has-text('Events')")).hasAttribute("aria-sort", "ascending");
        assertThat(page.locator("#accounts thead th:has-text('Account')")).hasAttribute("aria-sort", "none");

        Chromium.assertAccessible(page);

        Chromium.screenshot(page, "home-accounts");

        page.navigate(baseUrl() + "/accounts?workspace=" + workspace.slug());
        assertThat(page.locator("#accounts-list tbody tr")).hasCount(2);
        page.fill("#q", "acme");
        page.click("#account-search button");
        assertThat(page.locator("#accounts-list tbody tr")).hasCount(1);
        assertThat(page.locator("#accounts-list tbody tr").first()).containsText("Acme Inc");
        assertThat(page.locator("#account-total")).hasText("1 account");
        assertThat(page.locator(".mainnav a[aria-current='page']")).hasText("Accounts");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "accounts");

        // an account without any signal yet still has its page, and a way back to the list
        page.click("#accounts-list a:has-text('Acme Inc')");
        assertThat(page.locator("h1")).containsText("Acme Inc");
        assertThat(page.locator("#summary")).hasText("No detection has scored this account yet.");
        page.click("text=All accounts");
        assertThat(page.locator("#accounts-list")).isVisible();
    }

    @Test
    void anEmptyWorkspaceSaysHowToSendEvents() {
        Workspace workspace = newWorkspace("Browser Empty");
        Page page = chromium.loggedIn(baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(baseUrl() + "/?workspace=" + workspace.slug());

        assertThat(page.locator("#empty-state")).containsText("No events yet");
        assertThat(page.locator("#empty-state")).containsText(workspace.projectToken());
        assertThat(page.locator("#first-run")).containsText("0 of 4 done");
        assertThat(page.locator("#step-events")).not().hasClass("done");
        assertThat(page.locator("#step-dashboards")).containsText("Provision the four RevOps dashboards");
        assertThat(page.locator("#step-dashboards")).not().hasClass("done");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "home-empty");
    }

    @Test
    void theDashboardsStepIsTickedOnceAllFourAreInTheRegistry() {
        Workspace workspace = newWorkspace("Browser Provisioned");
        // What a provisioning leaves behind (DashboardProvisioningTest covers the provisioning
        // itself against the PostHog emulator); the step is ticked from this state, not a click.
        for (DashboardDefinition dashboard : DashboardCatalog.all()) {
            jdbc.sql("INSERT INTO dashboard_registry (workspace_id, dashboard_id, version, posthog_host,"
                            + " posthog_project_id, posthog_dashboard_id, tagged, provisioned_at)"
                            + " VALUES (?, ?, 1, 'https://posthog.example', 1, 1, TRUE, CURRENT_TIMESTAMP)")
                    .params(workspace.id(), dashboard.id())
                    .update();
        }
        Page page = chromium.loggedIn(baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(baseUrl() + "/?workspace=" + workspace.slug());

        assertThat(page.locator("#step-dashboards")).hasClass("done");
        assertThat(page.locator("#first-run")).containsText("1 of 4 done");
    }

    @Test
    void aWrongPasswordStaysOnTheLoginPageWithAMessage() {
        Page page = chromium.newPage();
        page.navigate(baseUrl() + "/login");
        page.fill("#username", TestStores.ADMIN_EMAIL);
        page.fill("#password", "not-the-password");
        page.click("button[type=submit]");
        assertThat(page.locator(".notice.error")).containsText("do not match");
        assertThat(page.url()).contains("/login");
    }

    @Test
    void tokensPageShowsANewSecretOnce() {
        Page page = chromium.loggedIn(baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(baseUrl() + "/tokens");
        page.fill("#token-name", "browser token");
        page.click("button:has-text('Create token')");
        assertThat(page.locator("#new-token code")).containsText("beton_");
        String secret = page.locator("#new-token code").textContent();
        page.reload();
        assertThat(page.locator("#new-token")).hasCount(0);
        assertThat(page.content()).doesNotContain(secret);
        assertThat(page.locator("#tokens")).containsText("browser token");
    }

    private Workspace newWorkspace(String name) {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String slug = name.toLowerCase().replace(' ', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        return workspaces.create(name, Optional.of(slug), admin);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
