package dev.beton.jobs;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@OnEmbeddedStore
class JobsPageBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    JobRuns runs;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Test
    void aRunningJobUpdatesItselfUntilItEnds() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Jobs page " + UUID.randomUUID(), Optional.empty(), admin);
        RunningJob job = runs.start(Optional.of(workspace.id()), "detection", OptionalLong.of(10));
        job.progress(3);
        try (Chromium chromium = Chromium.launch()) {
            Page page =
                    chromium.loggedIn("http://localhost:" + port, TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
            page.navigate("http://localhost:" + port + "/jobs?workspace=" + workspace.slug());
            assertThat(page.locator("#jobs tbody tr").first()).containsText("running");
            assertThat(page.locator("#jobs tbody tr").first()).containsText("3 / 10");

            job.succeeded("10 accounts scanned");
            // no reload: the table polls while something runs
            assertThat(page.locator("#jobs tbody tr").first()).containsText("succeeded");
            assertThat(page.locator("#jobs tbody tr").first()).containsText("10 accounts scanned");
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "jobs");
        }
    }
}
