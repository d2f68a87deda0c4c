package dev.beton.explorer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.nio.file.Files;
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

/** The explorer, its views, the preset, simulated enrichment and the sales play, in real Chromium. */
@OnEmbeddedStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerPagesBrowserTest {

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
    void aRevOpsUserExploresEnrichesAndDownloadsASalesPlay() throws Exception {
        Workspace workspace = newWorkspace();
        Instant now = clock.instant();
        new WarehouseFixtures(warehouse, workspace.id())
                .groupType(0, "company")
                .group(0, "acme.com", "{\"name\": \"Acme Inc\"}", now.minus(30, ChronoUnit.DAYS))
                .event("signed_up", "ann", 0, "acme.com", now.minus(3, ChronoUnit.DAYS))
                .event("report_created", "ann", 0, "acme.com", now.minus(2, ChronoUnit.DAYS))
                .event("report_created", "bob", 0, "acme.com", now.minus(1, ChronoUnit.HOURS))
                .event("signed_up", "cy", 0, "globex.com", now.minus(10, ChronoUnit.DAYS));
        String ws = "workspace=" + workspace.slug();

        Page page = chromium.loggedIn(baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(baseUrl() + "/explorer?" + ws);
        assertThat(page.locator("h1")).hasText("Data explorer");
        assertThat(page.locator("#explorer-table tbody tr")).hasCount(2);
        page.locator("#simulate-enrichment").click();
        assertThat(page.locator(".notice")).hasText("Simulated firmographics for 2 accounts.");
        assertThat(page.locator("#explorer-table tbody tr").first().locator(".badge.warn"))
                .hasText("simulated");
        page.locator("#explorer-table thead a:text-is('Events')").click();
        assertThat(page.locator("#explorer-table thead th:has-text('Events')")).hasAttribute("aria-sort", "descending");
        assertThat(page.locator("#explorer-table tbody tr").first()).containsText("Acme Inc");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "explorer-accounts");
        Download csv = page.waitForDownload(() -> page.locator("#csv").click());
        assertThat(Files.readString(csv.path())).startsWith("account_key,").contains("acme.com", "simulated");

        page.navigate(baseUrl() + "/explorer/users?" + ws);
        assertThat(page.locator("#explorer-table tbody tr")).hasCount(3);
        Chromium.assertAccessible(page);
        page.locator("#explorer-table tbody a:text-is('ann')").click();
        assertThat(page.locator("h1")).hasText("ann");
        assertThat(page.locator("#person-accounts tbody tr")).hasCount(1);
        assertThat(page.locator("#person-events tbody tr")).hasCount(2);
        Chromium.assertAccessible(page);

        page.navigate(baseUrl() + "/explorer/events?" + ws + "&event=signed_up");
        assertThat(page.locator("#explorer-table tbody tr")).hasCount(2);
        Chromium.assertAccessible(page);

        page.navigate(baseUrl() + "/explorer/views?" + ws);
        assertThat(page.locator("#volume-chart svg")).hasCount(1);
        assertThat(page.locator("#top-events tbody tr").first()).containsText("report_created");
        assertThat(page.locator("#top-accounts-chart svg")).hasCount(1);
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "explorer-views");

        page.navigate(baseUrl() + "/explorer/presets/big-deal-adoption?" + ws);
        assertThat(page.locator("#preset-summary")).containsText("0 companies have Attio deals above $100,000");
        Chromium.assertAccessible(page);

        page.navigate(baseUrl() + "/accounts/acme.com?" + ws);
        assertThat(page.locator("#firmographics .badge.warn")).hasText("simulated");
        page.locator("#open-sales-play").click();
        assertThat(page.locator("h1")).hasText("Sales play: Acme Inc");
        assertThat(page.locator("h2")).containsText(new String[] {
            "Why now", "Who to contact", "Talking points", "Next steps", "Risks", "Facts cited"
        });
        assertThat(page.locator("main")).containsText("Champion: ann");
        assertThat(page.locator("#play-facts")).containsText("simulated for the demo");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "sales-play");
        Download md = page.waitForDownload(() -> page.locator("#download-md").click());
        assertThat(md.suggestedFilename()).isEqualTo("sales-play-acme.com.md");
        assertThat(Files.readString(md.path())).startsWith("# Sales play: Acme Inc (acme.com)");

        // no Attio deal here: the page says so in a sentence
        page.locator("#attach-to-attio").click();
        assertThat(page.locator(".notice.error")).containsText("no deal");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "/explorer",
                "/explorer/users",
                "/explorer/events",
                "/explorer/views",
                "/explorer/presets/big-deal-adoption"
            })
    void anEmptyWorkspaceGetsAccessiblePagesThatSaySo(String path) {
        Workspace workspace = newWorkspace();
        Page page = chromium.loggedIn(baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        com.microsoft.playwright.Response response = page.navigate(baseUrl() + path + "?workspace=" + workspace.slug());
        assertThat(response.status()).isEqualTo(200);
        Chromium.assertAccessible(page);
    }

    private Workspace newWorkspace() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        return workspaces.create(
                "Explorer Pages",
                Optional.of("explorer-pages-" + UUID.randomUUID().toString().substring(0, 6)),
                admin);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
