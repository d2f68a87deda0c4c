package dev.beton.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.ApiTokens;
import dev.beton.workspace.User;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretVault;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user of workspace A gets 404 for every settings, connection, token and member route of
 * workspace B, on the API (Basic and bearer token) and on pages, and B is unchanged afterwards.
 * Later routes (signals, accounts) are one line each in {@link #apiRoutes()} / {@link #pageRoutes()}.
 * Runs on embedded H2 and on PostgreSQL through the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkspaceIsolationContract {

    record Route(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Route> apiRoutes() {
        return Stream.of(
                new Route("GET", "/api/v1/settings/integrations/posthog", null),
                new Route("POST", "/api/v1/settings/integrations/posthog", "{\"api_key\":\"phx_x\"}"),
                new Route("DELETE", "/api/v1/settings/integrations/posthog", null),
                new Route("POST", "/api/v1/settings/integrations/posthog/test", ""),
                new Route("GET", "/api/v1/settings/integrations/attio", null),
                new Route("POST", "/api/v1/settings/integrations/attio", "{\"api_key\":\"x\"}"),
                new Route("DELETE", "/api/v1/settings/integrations/attio", null),
                new Route("POST", "/api/v1/settings/integrations/attio/test", ""),
                new Route("POST", "/api/v1/posthog/validate", "{\"api_key\":\"phx_x\"}"),
                new Route("GET", "/api/v1/posthog/status", null),
                new Route("POST", "/api/v1/posthog/disconnect", ""),
                new Route("POST", "/api/posthog/validate", "{\"api_key\":\"phx_x\"}"),
                new Route("GET", "/api/posthog/status", null),
                new Route("POST", "/api/posthog/disconnect", ""),
                new Route("POST", "/api/v1/attio/validate", "{\"api_key\":\"x\"}"),
                new Route("GET", "/api/v1/attio/objects", null),
                new Route("GET", "/api/v1/tokens", null),
                new Route("POST", "/api/v1/tokens", "{\"name\":\"stolen\"}"),
                new Route("DELETE", "/api/v1/tokens/1", null),
                new Route("GET", "/api/v1/members", null),
                new Route("POST", "/api/v1/members", "{\"email\":\"intruder@test.beton\",\"role\":\"admin\"}"),
                new Route("PATCH", "/api/v1/members/1", "{\"role\":\"member\"}"),
                new Route("DELETE", "/api/v1/members/1", null),
                new Route("GET", "/api/v1/signals", null),
                new Route("GET", "/api/v1/signals/runs", null),
                new Route("GET", "/api/v1/signals/runs/1", null),
                new Route("GET", "/api/v1/signals/runs/1/queries", null),
                new Route("GET", "/api/v1/settings/event-source", null),
                new Route("PUT", "/api/v1/settings/event-source", "{\"source\":\"embedded\"}"),
                new Route("POST", "/api/v1/signals/runs", "{}"),
                new Route("GET", "/api/v1/accounts", null),
                new Route("GET", "/api/v1/accounts/acme.io", null),
                new Route("GET", "/api/v1/settings/signals", null),
                new Route("PUT", "/api/v1/settings/signals", "{}"));
    }

    static Stream<Route> pageRoutes() {
        return Stream.of(
                new Route("GET", "/settings/connections", null),
                new Route("POST", "/settings/connections/posthog", "api_key=phx_x"),
                new Route("POST", "/settings/connections/posthog/test", ""),
                new Route("POST", "/settings/connections/posthog/disconnect", ""),
                new Route("POST", "/settings/connections/attio", "api_key=x"),
                new Route("POST", "/settings/connections/attio/test", ""),
                new Route("POST", "/settings/connections/attio/disconnect", ""),
                new Route("POST", "/settings/connections/event-source", "source=embedded"),
                new Route("GET", "/signals/runs/1/queries", null),
                new Route("GET", "/settings/members", null),
                new Route("POST", "/settings/members", "email=intruder%40test.beton&role=admin"),
                new Route("POST", "/settings/members/1/role", "role=member"),
                new Route("POST", "/settings/members/1/remove", ""),
                new Route("GET", "/tokens", null),
                new Route("POST", "/tokens", "name=stolen"),
                new Route("POST", "/tokens/1/revoke", ""),
                new Route("GET", "/signals", null),
                new Route("GET", "/signals/runs", null),
                new Route("POST", "/signals/runs", ""),
                new Route("GET", "/accounts/acme.io", null),
                new Route("GET", "/settings/signals", null),
                new Route("POST", "/settings/signals", "routingThreshold=1"));
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SecretVault vault;

    @Autowired
    JdbcClient jdbc;

    Http http;
    Workspace a;
    Workspace b;
    String userA;
    String passwordA = "password-of-a";
    String tokenA;
    Browserish browser;

    @BeforeAll
    void twoWorkspaces() {
        http = new Http(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        User admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow();
        b = workspaces.create("Workspace B " + suffix, Optional.of("b-" + suffix), admin.id());
        User alice = users.create("alice-" + suffix + "@test.beton", passwordA, false);
        a = workspaces.create("Workspace A " + suffix, Optional.of("a-" + suffix), alice.id());
        userA = alice.email();
        tokenA = tokens.issue(a.id(), alice.id(), "a's token").secret();
        // B has a live PostHog connection and a member list worth stealing
        vault.seal(b.id(), "posthog", "api_key", Secret.of("phx_secretOfWorkspaceB0123456789abcdefghijklmno"));
        jdbc.sql("INSERT INTO integration_connections (workspace_id, integration, external_id, is_validated,"
                        + " validation_state, is_active, created_at, updated_at) VALUES (?, 'posthog', '101', TRUE,"
                        + " 'ok', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param(b.id())
                .update();
        browser = new Browserish(http.baseUrl(), userA, passwordA);
    }

    @ParameterizedTest(name = "{0} with Basic auth")
    @MethodSource("apiRoutes")
    void apiRoutesOfAnotherWorkspaceAreNotFound(Route route) {
        var response = send(route, b.slug(), Http.basic(userA, passwordA));

        assertThat(response.statusCode()).as(route.toString()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} by id with a bearer token")
    @MethodSource("apiRoutes")
    void apiRoutesOfAnotherWorkspaceAreNotFoundForTokens(Route route) {
        var response = send(route, String.valueOf(b.id()), Http.bearer(tokenA));

        assertThat(response.statusCode()).as(route.toString()).isEqualTo(404);
    }

    @ParameterizedTest(name = "page {0}")
    @MethodSource("pageRoutes")
    void pagesOfAnotherWorkspaceAreNotFound(Route route) {
        assertThat(browser.send(route, b.slug())).as(route.toString()).isEqualTo(404);
    }

    @Test
    void theSameRoutesWorkInTheUsersOwnWorkspace() {
        assertThat(send(new Route("GET", "/api/v1/posthog/status", null), a.slug(), Http.basic(userA, passwordA))
                        .statusCode())
                .isEqualTo(200);
        assertThat(browser.send(new Route("GET", "/settings/connections", null), a.slug()))
                .isEqualTo(200);
        assertThat(browser.send(new Route("GET", "/settings/members", null), a.slug()))
                .isEqualTo(200);
    }

    @Test
    void workspaceBIsUnchangedAfterwards() {
        Stream.concat(apiRoutes(), Stream.empty()).forEach(r -> send(r, b.slug(), Http.basic(userA, passwordA)));
        pageRoutes().forEach(r -> browser.send(r, b.slug()));

        assertThat(vault.open(b.id(), "posthog", "api_key")).isPresent();
        assertThat(jdbc.sql("SELECT is_active FROM integration_connections WHERE workspace_id = ?")
                        .param(b.id())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(users.byEmail("intruder@test.beton")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM detection_runs WHERE workspace_id = ?")
                        .param(b.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM signal_settings WHERE workspace_id = ?")
                        .param(b.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM workspace_members WHERE workspace_id = ?")
                        .param(b.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private HttpResponse<String> send(Route route, String workspace, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + route.path() + "?workspace=" + workspace))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(
                        route.method(),
                        route.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(route.body()));
        return http.send(request.build()).raw();
    }

    /** A cookie-keeping client that logs in through the form and sends CSRF tokens, like a browser. */
    static final class Browserish {

        private static final Pattern CSRF =
                Pattern.compile("name=\"_csrf\"[^>]*content=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"");

        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private final String baseUrl;
        private String csrf;

        Browserish(String baseUrl, String email, String password) {
            this.baseUrl = baseUrl;
            String loginCsrf = csrfOf(get("/login").body());
            HttpResponse<String> login = post(
                    "/login",
                    "username=" + encode(email) + "&password=" + encode(password) + "&_csrf=" + encode(loginCsrf));
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
            csrf = csrfOf(get("/tokens").body());
        }

        int send(Route route, String workspace) {
            String path = route.path() + "?workspace=" + workspace;
            if (route.method().equals("GET")) {
                return get(path).statusCode();
            }
            String body = route.body() == null || route.body().isEmpty() ? "" : route.body() + "&";
            return post(path, body + "_csrf=" + encode(csrf)).statusCode();
        }

        /** The HTML of a page, for assertions on what a person would read. */
        String html(String path) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            return page.body();
        }

        private HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
        }

        private HttpResponse<String> post(String path, String form) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
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
}
