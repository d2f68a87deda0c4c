package dev.beton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 11, must fix 4: nobody could change their password, so the one-time password an admin saw
 * when adding a member stayed valid forever. Members now join by invitation and choose their own;
 * a password someone else has seen (an operator's {@code ./beton reset-password}) must be replaced
 * before anything else, through the API or the password page.
 */
class InitialPasswordNotChangeableTest extends SecurityRegression {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Test
    void anAdminIssuedPasswordMustBeReplacedFirst() {
        Http http = new Http(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Pw " + suffix, Optional.of("pw-" + suffix), adminId);
        String email = "issued-" + suffix + "@test.beton";
        workspaces.addMember(
                workspace.id(), users.create(email, "set-at-creation", false).id(), dev.beton.workspace.Role.MEMBER);
        // what ./beton reset-password does: someone else has seen this password
        String issued = users.issueOneTimePassword(email);

        var blocked = http.get("/api/v1/workspaces", Http.basic(email, issued));
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().get("detail").asString()).contains("POST /api/v1/me/password");

        var wrongCurrent = http.postJson(
                "/api/v1/me/password",
                Http.basic(email, issued),
                "{\"current_password\":\"not-it-at-all\",\"new_password\":\"my-own-password\"}");
        assertThat(wrongCurrent.status()).isEqualTo(400);
        var tooShort = http.postJson(
                "/api/v1/me/password",
                Http.basic(email, issued),
                "{\"current_password\":\"" + issued + "\",\"new_password\":\"short\"}");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("detail").asString()).contains("at least 8");

        var changed = http.postJson(
                "/api/v1/me/password",
                Http.basic(email, issued),
                "{\"current_password\":\"" + issued + "\",\"new_password\":\"my-own-password\"}");
        assertThat(changed.status()).isEqualTo(204);

        assertThat(http.get("/api/v1/workspaces", Http.basic(email, "my-own-password"))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/workspaces", Http.basic(email, issued)).status())
                .isEqualTo(401);
    }

    @Test
    void anyoneChangesTheirOwnPasswordThroughTheApi() {
        Http http = new Http(port);
        String email = "own-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton";
        users.create(email, "first-password", false);

        var changed = http.postJson(
                "/api/v1/me/password",
                Http.basic(email, "first-password"),
                "{\"current_password\":\"first-password\",\"new_password\":\"second-password\"}");

        assertThat(changed.status()).isEqualTo(204);
        assertThat(http.get("/api/v1/workspaces", Http.basic(email, "second-password"))
                        .status())
                .isEqualTo(200);
    }
}
