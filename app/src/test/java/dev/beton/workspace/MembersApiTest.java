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

/** Admins add members by email (new users get a one-time password to replace), change roles and remove them. */
@OnEmbeddedStore
class MembersApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

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
    void anAdminAddsANewUserWhoCanLogInWithTheOneTimePassword() {
        String email = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton";
        var added = http.postJson(at("/api/v1/members"), Http.adminBasic(), "{\"email\":\"" + email + "\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("role").asString()).isEqualTo("member");
        String issued = added.json().get("initialPassword").asString();
        assertThat(http.get(at("/api/v1/members"), Http.basic(email, issued)).status())
                .as("an admin-issued password must be replaced first")
                .isEqualTo(403);
        String password = "chosen-by-" + email;
        assertThat(http.postJson(
                                "/api/v1/me/password",
                                Http.basic(email, issued),
                                "{\"current_password\":\"" + issued + "\",\"new_password\":\"" + password + "\"}")
                        .status())
                .isEqualTo(204);
        var asMember = http.get(at("/api/v1/members"), Http.basic(email, password));
        assertThat(asMember.status()).isEqualTo(200);
        assertThat(asMember.json().findValuesAsString("email")).contains(email, TestStores.ADMIN_EMAIL);
        assertThat(http.get("/api/v1/members", Http.basic(email, password))
                        .json()
                        .findValuesAsString("email"))
                .as("the new member's default workspace is this one")
                .contains(email);
    }

    @Test
    void rolesChangeAndMembersLeaveButTheLastAdminStays() {
        User bob = users.create(
                "bob-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton", "bob-password", false);
        http.postJson(
                at("/api/v1/members"), Http.adminBasic(), "{\"email\":\"" + bob.email() + "\",\"role\":\"member\"}");

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
        assertThat(users.byEmail("x@test.beton")).isEmpty();
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
