package dev.beton.connections;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.beton.clickhouse.ClickHouseServer;
import dev.beton.clickhouse.ClickHouseSettings;
import dev.beton.clickhouse.ClickHouseTestServer;
import dev.beton.clickhouse.PostHogStyleTables;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A RevOps manager connects a real ClickHouse server on the Connections page: a wrong password,
 * then the right one with a schema mapping, Save & test, a test, and ClickHouse as the event
 * source. The password never appears in the page.
 */
@OnEmbeddedStore
@ExtendWith(ClickHouseTestServer.class)
class ClickHouseConnectionPageBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @Test
    void saveAndTestAClickHouseServerAndReadEventsFromIt() {
        ClickHouseSettings database = ClickHouseTestServer.freshDatabase();
        try (ClickHouseServer server = ClickHouseServer.open(database)) {
            PostHogStyleTables.create(server)
                    .event("signed_up", "u1", Instant.parse("2026-11-20T10:00:00Z"), "{\"org\":\"acme.com\"}", "p1")
                    .flush();
        }
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create(
                "Browser ClickHouse",
                Optional.of("bch-" + UUID.randomUUID().toString().substring(0, 8)),
                adminId);
        String base = "http://localhost:" + port;
        Page page = chromium.loggedIn(base, TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(base + "/settings/connections?workspace=" + workspace.slug());
        assertThat(page.locator("#clickhouse .state")).hasText("not connected");
        assertThat(page.locator("#clickhouse-schema-events_table")).hasValue("events");
        Chromium.assertAccessible(page);

        fill(page, database, "wrong-password");
        page.click("#clickhouse-save");
        assertThat(page.locator("#clickhouse-error")).containsText("The settings are saved, but the test failed");
        assertThat(page.locator("#clickhouse-error")).hasAttribute("data-error-type", "connection_error");

        fill(page, database, ClickHouseTestServer.PASSWORD_USER_PASSWORD);
        page.click("#clickhouse-schema summary");
        page.fill("#clickhouse-schema-account_link_property", "org");
        page.click("#clickhouse-save");
        assertThat(page.locator("#clickhouse-message")).containsText("answered: 1 events, 1 of them linked");
        assertThat(page.locator("#clickhouse .state")).hasText("connected");
        assertThat(page.locator("#clickhouse-server")).containsText("beton@127.0.0.1:");
        assertThat(page.locator("#clickhouse-schema-account_link_property")).hasValue("org");
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "connections-clickhouse-connected");

        page.click("#clickhouse-test");
        assertThat(page.locator("#clickhouse-message")).containsText("answered");

        page.selectOption("#source-choice", "clickhouse");
        page.click("#source-choose button[type=submit]");
        page.waitForLoadState();
        assertThat(page.locator("#source-current")).hasText("ClickHouse (PostHog-style tables)");
        assertThat(page.locator("#source-message")).containsText("Detection runs on Beton's own store or PostHog");
        Chromium.assertAccessible(page);

        assertThat(page.content()).doesNotContain(ClickHouseTestServer.PASSWORD_USER_PASSWORD);
    }

    private static void fill(Page page, ClickHouseSettings database, String password) {
        page.fill("#clickhouse-host", "127.0.0.1");
        page.fill("#clickhouse-port", Integer.toString(database.port()));
        page.fill("#clickhouse-user", "beton");
        page.fill("#clickhouse-password", password);
        page.fill("#clickhouse-database", database.database());
    }
}
