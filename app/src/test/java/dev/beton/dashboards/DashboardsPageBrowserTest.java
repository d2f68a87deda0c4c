package dev.beton.dashboards;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Dashboards index and each dashboard page in Chromium: charts, tables, filters, CSV, missing data. */
@OnEmbeddedStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsPageBrowserTest {

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

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @Test
    void theIndexAndEachDashboardRender() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create(
                "Dashboards page " + UUID.randomUUID(),
                Optional.of("dashp-" + UUID.randomUUID().toString().substring(0, 8)),
                admin);
        DashboardWorld.build(warehouse, workspace.id(), clock.instant());
        Page page = chromium.loggedIn(base(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);

        page.navigate(base() + "/dashboards?workspace=" + workspace.slug());
        assertThat(page.locator("#dashboards tbody tr")).hasCount(4);
        assertThat(page.locator("nav.mainnav a.active")).hasText("Dashboards");
        assertThat(page.locator("#not-provisioned")).isVisible();
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "dashboards-index");

        // Provisioning without PostHog says what to do.
        page.locator("#provision").click();
        assertThat(page.locator("#provision-error")).containsText("PostHog is not connected");

        page.navigate(base() + "/dashboards/signal-overview?workspace=" + workspace.slug());
        assertThat(page.locator("h1")).hasText("Signal Overview");
        assertThat(page.locator("#tile-signals_fired .stat .value")).hasText("3");
        assertThat(page.locator("#chart-signals_by_type svg")).hasCount(1);
        assertThat(page.locator("#tile-hot_queue tbody tr")).hasCount(1);
        assertThat(page.locator("#tile-hot_queue tbody a"))
                .hasAttribute("href", Pattern.compile(".*/accounts/acme\\.com.*"));
        assertThat(page.locator("#tile-top_accounts a.csv"))
                .hasAttribute("href", Pattern.compile(".*/tiles/top_accounts\\.csv.*"));
        assertThat(page.locator("#tile-signals_fired .refreshed")).containsText("refreshed");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "dashboard-signal-overview");

        page.locator("#period").selectOption("7");
        page.locator("#period-form button").click();
        assertThat(page.locator("#period")).hasValue("7");
        page.locator("#refresh").click();
        assertThat(page.locator("#tile-signals_fired .refreshed")).containsText("just now");

        // Drill-down: a chart of types opens the accounts behind the clicked slice (the chart's
        // click and the table's link go to the same page).
        page.navigate(base() + "/dashboards/signal-overview?period=30&workspace=" + workspace.slug());
        assertThat(page.locator("#chart-signals_by_type"))
                .hasAttribute("data-drill", Pattern.compile(".*/tiles/signals_by_type/accounts\\?.*value=\\{name}.*"));
        page.locator("#tile-signals_by_type a.drill", new Page.LocatorOptions().setHasText("pricing_intent"))
                .click();
        assertThat(page.locator("h1")).containsText("Signals by type: pricing_intent");
        assertThat(page.locator("#drill-accounts tbody tr")).hasCount(1);
        assertThat(page.locator("#drill-accounts tbody a"))
                .hasAttribute("href", Pattern.compile(".*/accounts/acme\\.com.*"));
        assertThat(page.locator("a.csv"))
                .hasAttribute("href", Pattern.compile(".*/accounts\\.csv\\?.*value=pricing_intent.*"));
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "dashboard-drill-signal-type");
        // A week that is not a date gets a sentence on the page, not a stack trace.
        page.navigate(base() + "/dashboards/signal-overview/tiles/signal_trend/accounts?value=last-week&workspace="
                + workspace.slug());
        assertThat(page.locator("main")).containsText("The week is the date of its Monday");

        page.navigate(base() + "/dashboards/account-health?workspace=" + workspace.slug());
        assertThat(page.locator("#chart-usage_trend svg")).hasCount(1);
        assertThat(page.locator("#chart-health_distribution svg")).hasCount(1);
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "dashboard-account-health");
        // A week of the usage trend: the accounts active that week.
        page.locator("#tile-usage_trend a.drill").last().click();
        assertThat(page.locator("h1")).containsText("Usage trend:");
        assertThat(page.locator("#drill-accounts tbody a").first())
                .hasAttribute("href", Pattern.compile(".*/accounts/.*"));
        Chromium.assertAccessible(page);
        page.goBack();

        page.navigate(base() + "/dashboards/pql-performance?workspace=" + workspace.slug());
        assertThat(page.locator("#tile-win_rate_by_source .missing-data")).containsText("Missing: CRM deals.");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "dashboard-pql-performance");

        page.navigate(base() + "/dashboards/backtesting?workspace=" + workspace.slug());
        assertThat(page.locator("#tile-accuracy .missing-data")).containsText("backtest");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "dashboard-backtesting");
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
