package dev.beton.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like client: a cookie jar, the login form, and the CSRF token of any page. */
final class BrowserSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    final HttpClient client =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    final String baseUrl;

    BrowserSession(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String csrfOf(String path) throws IOException, InterruptedException {
        Matcher csrf = CSRF.matcher(get(path).body());
        if (!csrf.find()) {
            throw new IllegalStateException(path + " has no CSRF token");
        }
        return csrf.group(1);
    }

    HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits the login form; the answer is the redirect it gives. */
    HttpResponse<String> logIn(String email, String password) throws IOException, InterruptedException {
        return postForm(
                "/login",
                "username=" + encode(email) + "&password=" + encode(password) + "&_csrf=" + encode(csrfOf("/login")));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
