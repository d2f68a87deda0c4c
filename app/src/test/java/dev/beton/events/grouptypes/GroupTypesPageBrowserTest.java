package dev.beton.events.grouptypes;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.beton.events.TestDataDirs;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.Http;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** In real Chromium: an admin adds a type events use without a slot, renames it and removes it. */
@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/group-types",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GroupTypesPageBrowserTest {

    static {
        TestDataDirs.fresh("group-types");
    }

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    GroupTypeSettings settings;

    @Test
    void anAdminAddsAnUnslottedTypeRenamesAndRemovesIt() {
        Workspace workspace = workspaces.bySlug("default").orElseThrow();
        settings.list(workspace.id()).forEach(type -> settings.remove(workspace.id(), type.index()));
        String body =
                "{\"api_key\":\"%s\",\"event\":\"e\",\"distinct_id\":\"%s\",\"properties\":{\"$groups\":{\"squad\":\"s1\"}}}"
                        .formatted(workspace.projectToken(), UUID.randomUUID());
        org.assertj.core.api.Assertions.assertThat(
                        new Http(port).postJson("/i/v0/e", null, body).status())
                .isEqualTo(200);

        try (Chromium chromium = Chromium.launch()) {
            String base = "http://localhost:" + port;
            Page page = chromium.loggedIn(base, "admin@example.com", "correct-horse-battery");
            page.navigate(base + "/settings/group-types?workspace=default");
            assertThat(page.locator("#group-types")).containsText("No group types yet");
            assertThat(page.locator("#unslotted")).containsText("squad");
            // Every field has a label and every action is a named button (accessibility).
            assertThat(page.getByLabel("Add a group type")).isVisible();

            page.locator("#unslotted")
                    .getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Add"))
                    .click();
            assertThat(page.locator("#message")).containsText("Added 'squad' in slot 0");
            assertThat(page.locator("#unslotted")).containsText("None.");

            page.getByLabel("New name for slot 0").fill("team");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rename"))
                    .click();
            assertThat(page.locator("#message")).containsText("Slot 0 is now 'team'");
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "group-types");

            page.locator("#remove-0").click();
            assertThat(page.locator("#message")).containsText("Slot 0 is free");
            assertThat(page.locator("#group-types")).containsText("No group types yet");

            page.getByLabel("Add a group type").fill(" ");
            page.getByLabel("Add a group type").fill("x".repeat(5));
            page.getByRole(
                            AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Add").setExact(true))
                    .first()
                    .click();
            assertThat(page.locator("#group-types")).containsText("xxxxx");
        }
    }
}
