package dev.beton.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in person's view of the pages without a browser: form login with its session cookie,
 * CSRF tokens read from the pages, forms posted as a browser would post them.
 */
public final class PageSession {

    private static final Pattern CSRF =
            Pattern.compile("name=\"_csrf\"[^>]*content=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String baseUrl;

    private PageSession(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static PageSession signIn(String baseUrl, String email, String password) {
        PageSession session = anonymous(baseUrl);
        HttpResponse<String> login = session.logIn(email, password);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return session;
    }

    /** Nobody signed in yet: for tests of the login itself (throttling, cookies, failures). */
    public static PageSession anonymous(String baseUrl) {
        return new PageSession(baseUrl);
    }

    /** Submits the login form as a browser would; the answer is the redirect it gives, as it is. */
    public HttpResponse<String> logIn(String email, String password) {
        String csrf = csrfOf(get("/login").body());
        return post("/login", "username=" + encode(email) + "&password=" + encode(password) + "&_csrf=" + encode(csrf));
    }

    /** The CSRF token of the page at {@code path}, for requests a test builds itself. */
    public String csrfToken(String path) {
        return csrfOf(html(path));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public static PageSession admin(String baseUrl) {
        return signIn(baseUrl, TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
    }

    /** The HTML of a page, which must answer 200. */
    public String html(String path) {
        HttpResponse<String> page = get(path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        return page.body();
    }

    /**
     * Posts a form found on the page at {@code pagePath} (its CSRF token included) and returns the
     * HTML of the page the answer redirects to.
     */
    public String submit(String pagePath, String action, String form) {
        String csrf = csrfOf(html(pagePath));
        HttpResponse<String> answer = post(action, form + "&_csrf=" + encode(csrf));
        assertThat(answer.statusCode()).as(action).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        return html(
                location.startsWith("http")
                        ? URI.create(location).getRawPath() + "?"
                                + URI.create(location).getRawQuery()
                        : location);
    }

    /** A page as it answers, whatever its status. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    private HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    /** Any request, with this session's cookies. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
