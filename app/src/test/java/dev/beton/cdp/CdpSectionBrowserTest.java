package dev.beton.cdp;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The CRM → analytics section of the Connections page shows counts per object with the skip reasons. */
@OnEmbeddedStore
class CdpSectionBrowserTest {

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    CdpRecords records;

    @Test
    void theSectionShowsCountsPerObjectAndWhyRecordsWereSkipped() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("CDP page " + UUID.randomUUID(), Optional.empty(), admin);
        Instant now = Instant.now();
        records.save(
                workspace.id(),
                "companies",
                "c1",
                Optional.of("acme.test"),
                Optional.of("h"),
                Optional.of("h"),
                Optional.empty(),
                "synced",
                null,
                1,
                now);
        records.save(
                workspace.id(),
                "companies",
                "c2",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "skipped",
                "no domain",
                1,
                now);
        records.save(
                workspace.id(),
                "people",
                "p1",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "skipped",
                "no email address",
                1,
                now);

        Page page = chromium.loggedIn("http://localhost:" + port, TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate("http://localhost:" + port + "/settings/connections?workspace=" + workspace.slug());
        assertThat(page.locator("#crm-sync-counts tbody tr").first()).containsText("companies");
        assertThat(page.locator("#crm-sync-counts tbody tr").first()).containsText("no domain: 1");
        assertThat(page.locator("#crm-sync-counts")).containsText("no email address: 1");
        assertThat(page.locator("#crm-sync-last")).containsText("Not synced yet.");
        assertThat(page.locator("#crm-sync-run")).isVisible();
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "connections-crm-sync");
    }
}
