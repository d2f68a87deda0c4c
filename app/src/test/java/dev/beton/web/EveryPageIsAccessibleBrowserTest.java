package dev.beton.web;

import com.microsoft.playwright.Page;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.SharedChromium;
import dev.beton.testsupport.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages whose feature tests do not already run the accessibility check, each opened in real
 * Chromium and checked with axe-core (WCAG 2.1 A and AA). The feature tests check theirs at the
 * state they test (with data, with errors); this covers the rest as a signed-in admin sees them.
 */
@OnEmbeddedStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageIsAccessibleBrowserTest {

    @LocalServerPort
    int port;

    @RegisterExtension
    static final SharedChromium chromium = new SharedChromium();

    @Test
    void theLoginPage() {
        Page page = chromium.newPage();
        page.navigate(baseUrl() + "/login");
        Chromium.assertAccessible(page);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/workspaces", "/tokens", "/settings/members", "/events/import", "/no-such-page"})
    void aSignedInPage(String path) {
        Page page = chromium.loggedIn(baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.navigate(baseUrl() + path);
        Chromium.assertAccessible(page);
        Chromium.screenshot(page, "page" + path.replace('/', '-'));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/accounts/no-such-account", "/signals/runs/999999999", "/no/such/page"})
    void unknownThingsAnswerTheBrandedPageNeverWhitelabel(String path) {
        Page page = chromium.loggedIn(baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        com.microsoft.playwright.Response response = page.navigate(baseUrl() + path);
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(404);
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("h1"))
                .hasText("Not found");
        org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContainIgnoringCase("whitelabel");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("link[rel=icon]"))
                .hasCount(1);
    }

    @Test
    void theSettingsMenuOpensFromTheKeyboard() {
        Page page = chromium.loggedIn(baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
        page.setViewportSize(1280, 800);
        page.navigate(baseUrl() + "/settings/members");
        com.microsoft.playwright.Locator settings = page.locator("details.navmenu:has(summary:text-is('Settings'))");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(settings)
                .hasClass(java.util.regex.Pattern.compile("active"));
        settings.locator("summary").focus();
        page.keyboard().press("Enter");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(settings.locator("a[aria-current='page']"))
                .hasText("Members");
        // the bar fits 1280 px on one line
        org.assertj.core.api.Assertions.assertThat(((Number)
                                page.evaluate("() => document.querySelector('.topbar').getBoundingClientRect().height"))
                        .doubleValue())
                .isLessThan(80);
        Chromium.screenshot(page, "nav-settings-open");
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
