package dev.beton.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Real headless Chromium (Debian's package) driven by Playwright, without Playwright's own browser
 * download. Missing Chromium skips the test with the reason, except under {@code CI=true}.
 */
public final class Chromium implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts Chromium, or skips the calling test when it is not installed (outside CI). */
    public static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            if (TestStores.underCi()) {
                throw new IllegalStateException(EXECUTABLE + " is missing; .ci/run installs the chromium package");
            }
            Assumptions.abort(EXECUTABLE + " is not installed (apt-get install chromium): browser test skipped");
        }
        Path home = scratch();
        Map<String, String> env = Map.of(
                "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "TMPDIR", home.resolve("tmp").toString(),
                "HOME", home.toString());
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(EXECUTABLE)
                        .setHeadless(true)
                        .setArgs(FLAGS)
                        .setEnv(env));
        return new Chromium(playwright, browser);
    }

    public Page newPage() {
        return browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
    }

    /** Logs in through the real form and returns the page, now on the home page. */
    public Page loggedIn(String baseUrl, String email, String password) {
        Page page = newPage();
        page.navigate(baseUrl + "/login");
        page.fill("#username", email);
        page.fill("#password", password);
        page.click("button[type=submit]");
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    /** Saves a full-page screenshot under {@code target/screenshots/}. */
    public static Path screenshot(Page page, String name) {
        Path file = Path.of("target", "screenshots", name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    private static Path scratch() {
        try {
            Path dir = Path.of("target", "browser-home").toAbsolutePath();
            Files.createDirectories(dir.resolve("tmp"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
