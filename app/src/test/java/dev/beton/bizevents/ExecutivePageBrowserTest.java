package dev.beton.bizevents;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In real Chromium: a critical event shows as a critical alert with health and actions; an admin acknowledges it. */
class ExecutivePageBrowserTest extends BusinessEventsContext {

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @Test
    void aCriticalEventShowsOnTheExecutivePageAndIsAcknowledged() {
        String tenant = "page-" + UUID.randomUUID();
        Http http = new Http(port);
        http.postJson("/api/v1/business-events", ADMIN, revenueEvent(tenant, 25_000));
        String efficiency = """
                {"event":"operational_efficiency_event","properties":{"tenant_id":"%s","efficiency_metric":"email_delivery_rate",
                "efficiency_score":87,"trend_direction":"improving","recommendations":["Optimize IP warmup"],
                "tracking_date":"2026-11-30T10:30:00Z"}}""".formatted(tenant);
        http.postJson("/api/v1/business-events", ADMIN, efficiency);

        String base = "http://localhost:" + port;
        Page page = chromium.loggedIn(base, TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(base + "/executive?tenant=" + tenant);
        assertThat(page.locator("#critical-alerts")).containsText("Revenue impact over $10,000");
        assertThat(page.locator("#critical-alerts")).containsText("$25,000 revenue at risk");
        assertThat(page.locator("#actions")).containsText("IP warmup");
        assertThat(page.locator("#actions")).containsText("Optimize IP warmup");
        // revenue 0 (all negative) × 0.35 + efficiency 87 × 0.30, over 0.65, less 10 for the open critical alert
        assertThat(page.locator("#health")).hasText("30");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Executive")))
                .isVisible();
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "executive");

        page.locator("#critical-alerts")
                .getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions()
                                .setName("Acknowledge Revenue impact over $10,000 — " + tenant))
                .click();
        assertThat(page.locator("#message")).containsText("is acknowledged");
        assertThat(page.locator("#critical-alerts")).containsText("acknowledged");

        // live: a new critical event appears without reloading (Server-Sent Events)
        page.navigate(base + "/executive?tenant=" + tenant);
        assertThat(page.locator("main")).hasAttribute("data-live", "connected");
        String bounce = """
                {"event":"email_deliverability_event","properties":{"tenant_id":"%s","delivery_outcome":"bounced",
                "email_count":20000,"bounce_rate":0.2,"tracking_date":"2026-11-30T10:30:00Z"}}""".formatted(tenant);
        org.assertj.core.api.Assertions.assertThat(
                        http.postJson("/api/v1/business-events", ADMIN, bounce).status())
                .isEqualTo(201);
        assertThat(page.locator("#critical-alerts")).containsText("Bounce rate over 15 %");
        assertThat(page.locator("main")).hasAttribute("data-updated-at", java.util.regex.Pattern.compile("\\d{4}-"));
    }
}
