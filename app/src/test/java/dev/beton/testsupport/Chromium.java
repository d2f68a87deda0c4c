package dev.beton.testsupport;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
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

    /**
     * Fails when axe-core finds a WCAG 2.1 A or AA violation on the page as it is now: every page
     * test calls this once its page shows what it is for, so a page cannot land inaccessible.
     */
    public static void assertAccessible(Page page) {
        AxeResults results = new AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze();
        List<String> problems = results.getViolations().stream()
                .map(rule -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " — "
                        + rule.getNodes().stream()
                                .map(node -> String.valueOf(node.getTarget()))
                                .limit(5)
                                .toList())
                .toList();
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "Accessibility violations on " + page.url() + ":\n  " + String.join("\n  ", problems));
        }
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
