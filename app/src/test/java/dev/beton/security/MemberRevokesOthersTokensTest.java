package dev.beton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Role;
import dev.beton.workspace.User;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue 11, must fix 7: a member could revoke an admin's API token (204). Members manage only their own. */
class MemberRevokesOthersTokensTest extends SecurityRegression {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Test
    void aMemberSeesAndRevokesOnlyTheirOwnTokens() {
        Http http = new Http(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Tokens " + suffix, Optional.of("tokens-" + suffix), adminId);
        User member = users.create("member-" + suffix + "@test.beton", "member-password", false);
        workspaces.addMember(workspace.id(), member.id(), Role.MEMBER);
        String asMember = Http.basic(member.email(), "member-password");
        String q = "?workspace=" + workspace.slug();

        long adminToken = http.postJson("/api/v1/tokens" + q, Http.adminBasic(), "{\"name\":\"admin ci\"}")
                .json()
                .get("id")
                .asLong();
        long memberToken = http.postJson("/api/v1/tokens" + q, asMember, "{\"name\":\"mine\"}")
                .json()
                .get("id")
                .asLong();

        var revokeAdmins = http.delete("/api/v1/tokens/" + adminToken + q, asMember);
        assertThat(revokeAdmins.status()).isEqualTo(404);
        assertThat(http.get("/api/v1/tokens" + q, asMember).json().findValuesAsString("name"))
                .containsExactly("mine");
        for (var token :
                http.get("/api/v1/tokens" + q, Http.adminBasic()).json().values()) {
            var revoked = token.path("revokedAt");
            assertThat(revoked.isMissingNode() || revoked.isNull())
                    .as("the admin's token is still live")
                    .isTrue();
        }

        assertThat(http.delete("/api/v1/tokens/" + memberToken + q, asMember).status())
                .isEqualTo(204);
        assertThat(http.delete("/api/v1/tokens/" + adminToken + q, Http.adminBasic())
                        .status())
                .as("admins manage every token of their workspace")
                .isEqualTo(204);
    }
}
