package dev.beton.bizevents;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** In real Chromium: an admin edits alert rules on the Executive page; wrong values get a sentence. */
class AlertRulesPageBrowserTest extends BusinessEventsContext {

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @Autowired
    Workspaces workspaces;

    @Autowired
    dev.beton.workspace.Users users;

    @Test
    void anAdminChangesThresholdRecipientsAndOnOffAndIsToldWhatIsWrong() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Rules page " + UUID.randomUUID(), Optional.empty(), admin);
        String base = "http://localhost:" + port;
        Page page = chromium.loggedIn(base, TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(base + "/executive?workspace=" + workspace.slug());

        Locator bounce = page.locator("#rule-bounce_rate_critical");
        bounce.getByLabel("Threshold of bounce_rate_critical").fill("15");
        save(bounce, "bounce_rate_critical");
        assertThat(page.locator("#error")).containsText("fraction from 0 to 1 (0.15 = 15 %), not 15");

        bounce = page.locator("#rule-bounce_rate_critical");
        bounce.getByLabel("Threshold of bounce_rate_critical").fill("0.2");
        bounce.getByLabel("Recipients of bounce_rate_critical").fill("ops@example.com, cfo@example.com");
        save(bounce, "bounce_rate_critical");
        assertThat(page.locator("#message"))
                .containsText("Rule \"Bounce rate over 20 %\" is on, alerting ops@example.com, cfo@example.com.");
        assertThat(page.locator("#rule-bounce_rate_critical").getByLabel("Threshold of bounce_rate_critical"))
                .hasValue("0.2");

        Locator efficiency = page.locator("#rule-efficiency_score_high");
        efficiency.getByLabel("Recipients of efficiency_score_high").fill("ceo@example.com, not-an-address");
        save(efficiency, "efficiency_score_high");
        assertThat(page.locator("#error")).containsText("\"not-an-address\" is not one");

        Locator decision = page.locator("#rule-decision_outcome_medium");
        decision.getByLabel("Rule decision_outcome_medium on").uncheck();
        save(decision, "decision_outcome_medium");
        assertThat(page.locator("#message")).containsText("is off");
        assertThat(page.locator("#rule-decision_outcome_medium").getByLabel("Rule decision_outcome_medium on"))
                .not()
                .isChecked();
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "executive-rules");

        String rules = new Http(port)
                .get("/api/v1/alert-rules?workspace=" + workspace.slug(), ADMIN)
                .body();
        org.assertj.core.api.Assertions.assertThat(rules)
                .contains("\"key\":\"bounce_rate_critical\",\"tier\":\"critical\"")
                .contains("\"threshold\":0.2")
                .contains("ops@example.com");
    }

    private static void save(Locator row, String key) {
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save " + key))
                .click();
    }
}
