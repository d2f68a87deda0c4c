package dev.beton.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Admins invite members by email, change roles and remove them; invited people join through a link or in the app. */
@OnEmbeddedStore
class MembersApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Invitations invitations;

    Http http;
    Workspace workspace;
    long adminId;

    @BeforeEach
    void workspace() {
        http = new Http(port);
        adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        workspace = workspaces.create(
                "Members", Optional.of("members-" + UUID.randomUUID().toString().substring(0, 8)), adminId);
    }

    private String at(String path) {
        return path + "?workspace=" + workspace.slug();
    }

    @Test
    void anInvitedNewUserChoosesTheirPasswordThroughTheLink() {
        String email = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton";
        var invited = http.postJson(at("/api/v1/members"), Http.adminBasic(), "{\"email\":\"" + email + "\"}");

        assertThat(invited.status()).isEqualTo(202);
        assertThat(invited.json().get("role").asString()).isEqualTo("member");
        assertThat(invited.json().get("delivery").asString()).isEqualTo("link");
        assertThat(users.byEmail(email))
                .as("nobody is created before the link is used")
                .isEmpty();
        String link = invited.json().get("invitationUrl").asString();
        String token = link.substring(link.lastIndexOf('/') + 1);

        String password = "chosen-by-" + email;
        invitations.accept(token, password, e -> {});

        var asMember = http.get(at("/api/v1/members"), Http.basic(email, password));
        assertThat(asMember.status()).isEqualTo(200);
        assertThat(asMember.json().findValuesAsString("email")).contains(email, TestStores.ADMIN_EMAIL);
        assertThat(http.get("/api/v1/members", Http.basic(email, password))
                        .json()
                        .findValuesAsString("email"))
                .as("the new member's default workspace is this one")
                .contains(email);
        assertThat(invitations.open(token)).as("a link works once").isEmpty();
        assertThat(http.get(at("/api/v1/members/invitations"), Http.adminBasic())
                        .json()
                        .findValuesAsString("email"))
                .doesNotContain(email);
    }

    @Test
    void anExistingUserAcceptsInTheAppAndARevokedInvitationIsGone() {
        User dora = users.create(
                "dora-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton", "dora-password", false);
        var invited = http.postJson(
                at("/api/v1/members"), Http.adminBasic(), "{\"email\":\"" + dora.email() + "\",\"role\":\"admin\"}");
        assertThat(invited.status()).isEqualTo(202);

        var mine = http.get("/api/v1/me/invitations", Http.basic(dora.email(), "dora-password"));
        assertThat(mine.status()).isEqualTo(200);
        long id = mine.json().get(0).get("id").asLong();
        assertThat(mine.json().get(0).get("workspace").asString()).isEqualTo("Members");

        var accepted = http.postJson(
                "/api/v1/me/invitations/" + id + "/accept", Http.basic(dora.email(), "dora-password"), "{}");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(workspaces
                        .membership(dora.id(), workspace.id())
                        .orElseThrow()
                        .role())
                .isEqualTo(Role.ADMIN);

        var again = http.postJson(at("/api/v1/members"), Http.adminBasic(), "{\"email\":\"" + dora.email() + "\"}");
        assertThat(again.status()).as("already a member").isEqualTo(409);

        String other = "eve-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton";
        long otherId = http.postJson(at("/api/v1/members"), Http.adminBasic(), "{\"email\":\"" + other + "\"}")
                .json()
                .get("id")
                .asLong();
        assertThat(http.delete(at("/api/v1/members/invitations/" + otherId), Http.adminBasic())
                        .status())
                .isEqualTo(204);
        assertThat(http.get(at("/api/v1/members/invitations"), Http.adminBasic())
                        .json()
                        .findValuesAsString("email"))
                .doesNotContain(other);
    }

    @Test
    void rolesChangeAndMembersLeaveButTheLastAdminStays() {
        User bob = users.create(
                "bob-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton", "bob-password", false);
        workspaces.addMember(workspace.id(), bob.id(), Role.MEMBER);

        var promoted = sendPatch(bob.id(), "{\"role\":\"admin\"}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("role").asString()).isEqualTo("admin");

        assertThat(http.delete(at("/api/v1/members/" + bob.id()), Http.adminBasic())
                        .status())
                .isEqualTo(204);
        var lastAdmin = http.delete(at("/api/v1/members/" + adminId), Http.adminBasic());
        assertThat(lastAdmin.status()).isEqualTo(409);
        assertThat(lastAdmin.json().get("detail").asString()).contains("at least one admin");
    }

    @Test
    void membersCannotManageMembers() {
        User carol = users.create(
                "carol-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton", "carol-password", false);
        workspaces.addMember(workspace.id(), carol.id(), Role.MEMBER);

        var refused = http.postJson(
                at("/api/v1/members"), Http.basic(carol.email(), "carol-password"), "{\"email\":\"x@test.beton\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(invitations.pending(workspace.id())).isEmpty();
    }

    private Http.Response sendPatch(long userId, String json) {
        return http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(http.baseUrl() + at("/api/v1/members/" + userId)))
                .header("Authorization", Http.adminBasic())
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .build());
    }
}
