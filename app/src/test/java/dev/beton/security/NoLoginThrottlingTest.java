package dev.beton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.PageSession;
import dev.beton.workspace.Users;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 11, must fix 4: password guessing was unlimited on the login form and HTTP Basic, and
 * left no trace. After five failures an account waits (429 with Retry-After, the login page says
 * how long), even with the right password, and every failure is in the login audit.
 */
class NoLoginThrottlingTest extends SecurityRegression {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Test
    void basicAuthGuessingIsThrottledAndAudited() {
        Http http = new Http(port);
        String email = "guessed-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton";
        users.create(email, "the-right-password", false);

        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/api/v1/workspaces", Http.basic(email, "guess-" + i))
                            .status())
                    .isEqualTo(401);
        }
        var throttled = http.get("/api/v1/workspaces", Http.basic(email, "the-right-password"));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(throttled.json().get("detail").asString()).startsWith("Too many failed logins: try again in");

        var audit = http.get("/api/v1/audit/login-failures?limit=1000", Http.adminBasic());
        assertThat(audit.status()).isEqualTo(200);
        var mine = audit.json()
                .valueStream()
                .filter(f -> f.get("email").asString().equals(email))
                .toList();
        assertThat(mine)
                .extracting(f -> f.get("outcome").asString())
                .containsOnly("bad_credentials", "throttled")
                .hasSize(6);
        assertThat(mine).extracting(f -> f.get("channel").asString()).containsOnly("basic");
        assertThat(audit.body()).doesNotContain("guess-");
    }

    @Test
    void formLoginGuessingIsThrottled() throws Exception {
        String email = "form-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton";
        users.create(email, "the-right-password", false);
        PageSession browser = PageSession.anonymous("http://localhost:" + port);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = browser.logIn(email, "guess-" + i);
            assertThat(failed.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        }
        HttpResponse<String> throttled = browser.logIn(email, "the-right-password");
        String location = throttled.headers().firstValue("Location").orElse("");
        assertThat(location).contains("/login?throttled=");
        assertThat(browser.get(location.replaceFirst("^https?://[^/]+", "")).body())
                .contains("Too many failed logins: try again in");
    }

    @Test
    void onlyInstanceAdminsReadTheLoginAudit() {
        Http http = new Http(port);
        String email = "nosy-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton";
        users.create(email, "nosy-password", false);

        assertThat(http.get("/api/v1/audit/login-failures", Http.basic(email, "nosy-password"))
                        .status())
                .isEqualTo(403);
    }
}
