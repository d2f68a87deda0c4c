package dev.beton.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The password page in a real browser (issue 11, must fix 4): a member whose password an admin
 * issued lands on it at their first login and cannot go elsewhere before choosing their own; the
 * page is usable by label and runs under the Content-Security-Policy without violations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordPageBrowserTest extends SecurityRegression {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @Test
    void aNewMemberChoosesTheirOwnPasswordAtFirstLogin() {
        String base = "http://localhost:" + port;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Browser pw " + suffix, Optional.of("bpw-" + suffix), adminId);
        String email = "first-" + suffix + "@test.beton";
        workspaces.addMember(
                workspace.id(), users.create(email, "set-at-creation", false).id(), dev.beton.workspace.Role.MEMBER);
        // what ./beton reset-password does: someone else has seen this password
        String issued = users.issueOneTimePassword(email);

        Page page = chromium.loggedIn(base, email, issued);
        List<String> violations = new CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                violations.add(m.text());
            }
        });
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/account/password.*"));
        assertThat(page.locator("#must-change")).containsText("Choose your own");
        assertEveryFieldHasALabel(page);

        page.navigate(base + "/tokens?workspace=" + workspace.slug());
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/account/password.*"));

        page.getByLabel("Current password").fill(issued);
        page.getByLabel("New password (8 to 72 characters)").fill("chosen-by-me-1");
        page.getByLabel("New password again").fill("chosen-by-me-2");
        page.click("button:has-text('Change password')");
        assertThat(page.locator("#password-error")).containsText("differ");

        page.getByLabel("Current password").fill(issued);
        page.getByLabel("New password (8 to 72 characters)").fill("chosen-by-me-1");
        page.getByLabel("New password again").fill("chosen-by-me-1");
        page.click("button:has-text('Change password')");
        assertThat(page.locator("#password-message")).containsText("Your password was changed.");
        assertThat(page.locator("#must-change")).hasCount(0);
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "password-changed");

        page.navigate(base + "/tokens?workspace=" + workspace.slug());
        assertThat(page.locator("h1")).hasText("API tokens");
        page.click("a.user");
        assertThat(page.locator("h1")).hasText("Your password");
        assertThat(violations).isEmpty();
    }

    /** The accessibility floor: every visible form field is named by a label. */
    private static void assertEveryFieldHasALabel(Page page) {
        Object unlabeled = page.evaluate("() => [...document.querySelectorAll('input:not([type=hidden]), select')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)");
        assertThat((List<?>) unlabeled).isEmpty();
    }
}
