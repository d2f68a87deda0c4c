package dev.beton.bizevents;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** In real Chromium: the retention page's dry run and save, and the access log that lists the reads. */
class ExecutiveAdminPagesBrowserTest extends BusinessEventsContext {

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @Autowired
    Workspaces workspaces;

    @Autowired
    dev.beton.workspace.Users users;

    @Test
    void anAdminPreviewsAndSetsRetentionAndSeesWhoReadTheExecutivePage() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Admin pages " + UUID.randomUUID(), Optional.empty(), admin);
        String base = "http://localhost:" + port;
        Page page = chromium.loggedIn(base, TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(base + "/executive?workspace=" + workspace.slug());
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Retention").setExact(true))
                .click();
        assertThat(page.locator("#retention-days")).hasText("400");

        page.getByLabel("Preview a retention of (days)").fill("30");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Dry run"))
                .click();
        assertThat(page.locator("#dry-run-summary")).containsText("0 business events before");
        assertThat(page.locator("#retention-days")).hasText("400"); // a dry run changes nothing
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "executive-retention");

        page.getByLabel("Keep business events for (days)").fill("0");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save retention"))
                .click();
        assertThat(page.locator("#error")).containsText("from 1 to 3660");
        page.getByLabel("Keep business events for (days)").fill("180");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save retention"))
                .click();
        assertThat(page.locator("#message")).containsText("kept 180 days");
        assertThat(page.locator("#retention-days")).hasText("180");

        page.navigate(base + "/executive/access-log?workspace=" + workspace.slug());
        assertThat(page.locator("#access-log")).containsText(TestStores.ADMIN_EMAIL);
        assertThat(page.locator("#access-log")).containsText("page /executive");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "executive-access-log");
    }
}
