package dev.beton.inspector;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.beton.inspector.InspectorWorld.AS_OF;

import com.microsoft.playwright.Page;
import dev.beton.detection.DetectionProgress;
import dev.beton.detection.Detector;
import dev.beton.detection.Trigger;
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

/** The Inspector pages in a real Chromium: rule list, run, sort, filter, CSV link, edit, shadow run, import. */
@OnEmbeddedStore
class InspectorPageBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EventIngestion ingestion;

    @Autowired
    Detector detector;

    @RegisterExtension
    static final SharedChromium shared = new SharedChromium();

    @Test
    void aRevOpsUserRunsAnExampleRuleSortsFiltersEditsAndShadowRunsIt() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Inspector page " + UUID.randomUUID(), Optional.empty(), admin);
        InspectorWorld world = new InspectorWorld(ingestion, workspace.id());
        InspectorOnEmbeddedStoreTest.handBuilt(world);
        world.ingest();

        Page page = shared.loggedIn(base(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(base() + "/inspector?workspace=" + workspace.slug());
        assertThat(page.locator("#rules tbody tr")).hasCount(3);
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "inspector-rules");

        page.getByText(InspectorOnEmbeddedStoreTest.PQA).click();
        assertThat(page.locator("#sql-duckdb")).containsText("HAVING");
        assertThat(page.locator("#sql-hogql")).containsText("uniq(distinct_id)");
        page.getByLabel("As of (empty: now)").fill(AS_OF.toString());
        page.locator("#run").click();
        assertThat(page.locator("#finding-count")).hasText("2");
        assertThat(page.locator("#findings tbody tr")).hasCount(2);
        assertThat(page.locator("#findings tbody tr").first()).containsText("acme");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "inspector-punch-list");

        page.locator("#findings thead").getByText("Event count").click();
        assertThat(page.locator("#findings thead th[aria-sort=descending]")).hasText("Event count");
        page.locator("#findings thead").getByText("Event count").click();
        assertThat(page.locator("#findings tbody tr").first()).containsText("hooli");
        page.getByLabel("Filter findings").fill("acme.io");
        page.locator("#apply-filter").click();
        assertThat(page.locator("#findings tbody tr")).hasCount(1);
        assertThat(page.locator("#csv")).hasAttribute("href", Pattern.compile(".*findings\\.csv.*filter=acme\\.io.*"));

        page.getByLabel("Min active users (accounts)").fill("2");
        page.locator("#save").click();
        assertThat(page.locator("#notice")).hasText("Saved version 2.");
        page.getByLabel("As of (empty: now)").fill(AS_OF.toString());
        page.locator("#shadow").click();
        assertThat(page.locator("#shadow-diff tbody tr")).hasCount(1);
        assertThat(page.locator("#shadow-diff tbody tr").first()).containsText("globex");
        assertThat(page.locator("#shadow-diff tbody tr").first()).containsText("enters");
        Chromium.assertAccessible(page);

        page.getByLabel("Min active days").fill("two");
        page.locator("#save").click();
        assertThat(page.locator("#form-error")).containsText("conditions.min_active_days");

        page.navigate(base() + "/inspector?workspace=" + workspace.slug());
        page.getByLabel("Rule in seed 003's JSON")
                .fill("{\"name\": \"Imported\", \"level\": \"user\", \"time_window_days\": 30}");
        page.locator("#import").click();
        assertThat(page.locator("#notice")).hasText("Imported \"Imported\".");
        assertThat(page.locator("h1")).hasText("Imported");
        Chromium.assertAccessible(page);
    }

    @Test
    void aRevOpsUserPromotesAnAccountRuleToASignalEnablesItAndRemovesIt() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Promote page " + UUID.randomUUID(), Optional.empty(), admin);
        InspectorWorld world = new InspectorWorld(ingestion, workspace.id());
        InspectorOnEmbeddedStoreTest.handBuilt(world);
        world.ingest();

        Page page = shared.loggedIn(base(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(base() + "/inspector?workspace=" + workspace.slug());
        page.getByText("PQL - High Intent Trial Users").click();
        assertThat(page.locator("#not-promotable")).containsText("Only account-level rules");
        assertThat(page.locator("#promote-form")).hasCount(0);

        page.navigate(base() + "/inspector?workspace=" + workspace.slug());
        page.getByText(InspectorOnEmbeddedStoreTest.PQA).click();
        assertThat(page.locator("#promotion-state")).hasText("Not a signal.");
        page.getByLabel("Base score (1–50)").fill("35");
        page.locator("#promote").click();
        assertThat(page.locator("#notice")).containsText("with base score 35; it is off");
        assertThat(page.locator("#promotion-state")).containsText("base score 35");
        assertThat(page.locator("#promotion-state")).containsText("off, scores do not change.");
        Chromium.assertAccessible(page);

        page.getByLabel("Enabled: counts in scores, routing and backtests").check();
        page.locator("#promote").click();
        assertThat(page.locator("#promotion-state")).containsText("enabled, it counts in scores.");
        assertThat(page.getByLabel("Enabled: counts in scores, routing and backtests"))
                .isChecked();
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "inspector-promoted");

        // Pages that list signals name the custom type by its rule.
        detector.detect(workspace.id(), AS_OF, Trigger.MANUAL, DetectionProgress.NONE);
        String ruleUrl = page.url();
        page.navigate(base() + "/accounts/acme?workspace=" + workspace.slug());
        assertThat(page.locator("#receipt-lines")).containsText(InspectorOnEmbeddedStoreTest.PQA + " (rule_");
        Chromium.assertAccessible(page);
        page.navigate(ruleUrl);

        page.locator("#demote").click();
        assertThat(page.locator("#notice")).containsText("Removed from the signals");
        assertThat(page.locator("#promotion-state")).hasText("Not a signal.");
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
