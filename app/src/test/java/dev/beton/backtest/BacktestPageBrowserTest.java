package dev.beton.backtest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Backtest page in a real Chromium: run, progress, collecting-data notice, curve, tables, CSV. */
@OnEmbeddedStore
class BacktestPageBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    EventIngestion ingestion;

    @Autowired
    Backtests backtests;

    @RegisterExtension
    static final SharedChromium shared = new SharedChromium();

    @Test
    void runsABacktestFromThePageAndShowsItsCurveTablesAndWhatIsMissing() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Backtest page " + UUID.randomUUID(), Optional.empty(), admin);
        BacktestsOnEmbeddedStoreTest.beforeT(new BacktestWorld(ingestion, warehouse, workspace.id()));

        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.loggedIn(base(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
            page.navigate(base() + "/backtests?workspace=" + workspace.slug());
            assertThat(page.locator("#no-backtest")).isVisible();

            page.getByLabel("Days to replay").fill("3");
            page.getByLabel("Attribution window (days)").fill("30");
            page.locator("#run-backtest").click();
            assertThat(page.locator("#run-summary"))
                    .containsText("succeeded", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));

            // Three closed deals: the page says what is missing instead of percentages.
            assertThat(page.locator("#collecting-data")).containsText("Only 3 closed deals");
            assertThat(page.locator("#precision")).hasCount(0);
            assertThat(page.locator("#curve-chart")).hasCount(0);
            assertThat(page.locator("#signals tbody tr")).hasCount(8);
            assertThat(page.locator("#signals tbody tr").first()).containsText("collecting data");
            assertThat(page.locator("#buckets tbody tr")).hasCount(5);
            // acme and globex sent their plans with $groupidentify: nothing the replay cannot judge.
            assertThat(page.locator("#plan-history")).containsText("Every company with a plan limit (2)");
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "backtest-collecting-data");

            BacktestWorld world = new BacktestWorld(ingestion, warehouse, workspace.id());
            for (int i = 0; i < 7; i++) {
                world.deal(
                        "globex",
                        "outbound",
                        "lost",
                        1_000,
                        BacktestsOnEmbeddedStoreTest.days(80),
                        BacktestsOnEmbeddedStoreTest.days(70));
            }
            page.getByLabel("Days to replay").fill("3");
            page.locator("#run-backtest").click();
            assertThat(page.locator("#run-summary"))
                    .containsText("succeeded", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
            assertThat(page.locator("#collecting-data")).hasCount(0);
            assertThat(page.locator("#precision")).isVisible();
            assertThat(page.getByRole(
                                    AriaRole.IMG,
                                    new Page.GetByRoleOptions()
                                            .setName("Precision, recall and settled precision by routing threshold"))
                            .locator("svg"))
                    .hasCount(1);
            assertThat(page.locator("#runs tbody tr")).hasCount(2);
            assertThat(page.getByLabel("Explain pricing_intent")).isVisible();
            page.getByLabel("Compare with").selectOption(new SelectOption().setIndex(0));
            page.locator("#compare-button").click();
            assertThat(page.locator("#comparison")).containsText("Accounts moving in");
            assertThat(page.locator("#comparison")).containsText("Settled precision");
            assertThat(page.locator("#signals-csv")).hasAttribute("href", Pattern.compile(".*signals\\.csv.*"));
            assertThat(page.locator("#signals thead")).containsText("Settled precision");
            assertThat(page.locator("#settled-note")).containsText("only signals whose window is over");
            // Every form field has a label.
            assertThat(page.locator("input:not([type=hidden])")).hasCount(2);
            assertThat(page.getByLabel("Attribution window (days)")).isVisible();
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "backtest");
        }
    }

    @Test
    void theLoadFromPostHogPageIsReachedFromTheBacktestPageAndSaysWhatIsMissing() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Copy page " + UUID.randomUUID(), Optional.empty(), admin);

        Page page = shared.loggedIn(base(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(base() + "/backtests?workspace=" + workspace.slug());
        assertThat(page.locator("#data-source")).containsText("A backtest sends no query to PostHog");
        page.locator("#posthog-copy-link").click();
        assertThat(page.locator("h1")).hasText("Load data from PostHog");
        assertThat(page.locator("#no-copy")).isVisible();
        // Not connected to PostHog: counting says so in a sentence instead of a number.
        page.getByLabel("Days to copy (1–180)").fill("30");
        page.locator("#estimate-button").click();
        assertThat(page.locator("#form-error")).containsText("PostHog");
        assertThat(page.locator("#estimate")).hasCount(0);
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "posthog-copy");
    }

    @Test
    void theAccountPageShowsTheAccountsReplayedDaysLabelledAsReplay() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Replayed account " + UUID.randomUUID(), Optional.empty(), admin);
        BacktestsOnEmbeddedStoreTest.beforeT(new BacktestWorld(ingestion, warehouse, workspace.id()));

        Page page = shared.loggedIn(base(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(base() + "/accounts/acme?workspace=" + workspace.slug());
        // No replay yet: no replay section.
        assertThat(page.locator("#replay")).hasCount(0);

        BacktestRun live = backtests.run(
                workspace.id(), new Backtests.Request(Backtests.MAX_DAYS, 30, Optional.empty(), "live"), (d, t) -> {});
        page.navigate(base() + "/accounts/acme?workspace=" + workspace.slug());
        assertThat(page.locator("#replay-note")).containsText("replay (backtest " + live.id() + ")");
        assertThat(page.getByRole(
                                AriaRole.IMG,
                                new Page.GetByRoleOptions()
                                        .setName("Replayed score and signals fired per day; the numbers are in the"
                                                + " table below"))
                        .locator("svg"))
                .hasCount(1);
        assertThat(page.locator("#replay-table tbody tr").first()).isAttached();
        assertThat(page.locator("#replay-table")).containsText("billing_intent");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "account-replay");
    }

    @Test
    void anAnalystEditsADraftComparesItAndReadsRoiAndAnExplanation() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Backtest tools " + UUID.randomUUID(), Optional.empty(), admin);
        BacktestWorld world = new BacktestWorld(ingestion, warehouse, workspace.id());
        BacktestsOnEmbeddedStoreTest.beforeT(world);
        for (int i = 0; i < 7; i++) {
            world.deal(
                    "globex",
                    "outbound",
                    "lost",
                    1_000,
                    BacktestsOnEmbeddedStoreTest.days(80),
                    BacktestsOnEmbeddedStoreTest.days(70));
        }
        BacktestRun live =
                backtests.run(workspace.id(), new Backtests.Request(3, 30, Optional.empty(), "live"), (d, t) -> {});

        Page page = shared.loggedIn(base(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(base() + "/backtests?workspace=" + workspace.slug());
        page.locator("#edit-draft").click();
        assertThat(page.locator("#draft-signals tbody tr")).hasCount(8);
        assertThat(page.getByLabel("Threshold of pricing_intent")).hasValue("2");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "backtest-draft");

        page.getByLabel("Draft name").fill("pricing-1");
        page.getByLabel("Days to replay").fill("3");
        page.getByLabel("Threshold of pricing_intent").fill("1");
        page.getByLabel("Enable support_engagement").uncheck();
        page.locator("#run-draft").click();
        assertThat(page.locator("#run-summary"))
                .containsText("succeeded", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.locator("#run-summary")).containsText("pricing-1");
        // The draft is compared with the last live backtest, and can be promoted from here.
        assertThat(page.locator("#comparison"))
                .containsText(
                        "Backtest " + live.id() + " (live)",
                        new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        assertThat(page.locator("#promote")).isVisible();

        page.locator("#roi-link").click();
        page.getByLabel("Beton cost per year ($)").fill("36500");
        page.getByLabel("Minutes saved per routed account").fill("30");
        page.locator("#calculate").click();
        assertThat(page.locator("#roi-table")).containsText("$36500 a year");
        assertThat(page.locator("#roi-table")).containsText("30 min");
        assertThat(page.getByRole(
                                AriaRole.IMG,
                                new Page.GetByRoleOptions().setName("Cost and value over the period in dollars"))
                        .locator("svg"))
                .hasCount(1);
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "backtest-roi");

        page.navigate(base() + "/backtests?workspace=" + workspace.slug() + "&run=" + live.id());
        page.getByLabel("Explain pricing_intent").click();
        assertThat(page.locator("h1")).hasText("Explain pricing_intent");
        assertThat(page.locator("#duckdb-sql")).containsText("SELECT");
        assertThat(page.locator("#hogql")).containsText("SELECT");
        assertThat(page.locator("#curve tbody tr")).hasCount(10);
        assertThat(page.locator("#signal-curve svg")).hasCount(1);
        // precision and recall month by month: a chart, the table with its denominators, its CSV
        assertThat(page.locator("#history tbody tr").first()).containsText(" of ");
        assertThat(page.locator("#history-chart svg")).hasCount(1);
        assertThat(page.locator("#history-csv")).hasAttribute("href", Pattern.compile(".*history\\.csv.*"));
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "backtest-explain");
    }

    @Test
    void pqlPerformancePageComparesLeadSources() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("PQL page " + UUID.randomUUID(), Optional.empty(), admin);

        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.loggedIn(base(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
            page.navigate(base() + "/pql-performance?workspace=" + workspace.slug());
            assertThat(page.locator("#no-deals")).isVisible();

            BacktestsOnEmbeddedStoreTest.beforeT(new BacktestWorld(ingestion, warehouse, workspace.id()));
            page.navigate(base() + "/pql-performance?workspace=" + workspace.slug());
            assertThat(page.locator("#sources tbody tr")).hasCount(5);
            assertThat(page.locator("#sources tbody tr").first()).containsText("100 % (1 of 1)");
            assertThat(page.locator("#pql-lift")).hasText("3.0×");
            assertThat(page.getByRole(
                                    AriaRole.IMG,
                                    new Page.GetByRoleOptions().setName("Leads, SQL and won deals by lead source"))
                            .locator("svg"))
                    .hasCount(1);
            assertThat(page.locator("#trend-chart svg")).hasCount(1);
            assertThat(page.locator("#sources-csv")).isVisible();
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "pql-performance");
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
