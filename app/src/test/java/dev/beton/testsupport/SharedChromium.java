package dev.beton.testsupport;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Chromium per browser-test class, launched before its first test and closed after its last:
 * {@code @RegisterExtension static final SharedChromium chromium = new SharedChromium();}. Missing
 * Chromium skips the class with the reason, or fails it under {@code CI=true} ({@link Chromium}).
 */
public final class SharedChromium implements BeforeAllCallback, AfterAllCallback {

    private Chromium chromium;

    @Override
    public void beforeAll(ExtensionContext context) {
        chromium = Chromium.launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    public Page newPage() {
        return chromium.newPage();
    }

    /** Logs in through the real form and returns the page, now on the home page. */
    public Page loggedIn(String baseUrl, String email, String password) {
        return chromium.loggedIn(baseUrl, email, password);
    }
}
