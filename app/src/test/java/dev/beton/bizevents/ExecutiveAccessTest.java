package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Role;
import dev.beton.workspace.User;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Issue 18 §4: the executive role sees the executive section, members do not; every read is logged for admins. */
class ExecutiveAccessTest extends BusinessEventsContext {

    @Autowired
    Workspaces workspaces;

    @Autowired
    dev.beton.workspace.Users users;

    Workspace workspace;
    User executive;
    User member;

    @BeforeEach
    void workspaceWithAnExecutiveAndAMember() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        workspace = workspaces.create("Executive access " + UUID.randomUUID(), Optional.empty(), admin);
        String id = UUID.randomUUID().toString().substring(0, 8);
        executive = users.create("cfo-" + id + "@test.beton", "cfo-password", false);
        member = users.create("dev-" + id + "@test.beton", "dev-password", false);
        workspaces.addMember(workspace.id(), executive.id(), Role.EXECUTIVE);
        workspaces.addMember(workspace.id(), member.id(), Role.MEMBER);
    }

    String p(String path) {
        return path + (path.contains("?") ? "&" : "?") + "workspace=" + workspace.slug();
    }

    @Test
    void anExecutiveReadsTheSummaryAMemberIsRefusedAndAdminsSeeWhoReadWhat() {
        Http http = new Http(port);
        String cfo = Http.basic(executive.email(), "cfo-password");
        String dev = Http.basic(member.email(), "dev-password");

        assertThat(http.get(p("/api/v1/executive-summary?days=7&tenant=acme"), cfo)
                        .status())
                .isEqualTo(200);
        assertThat(http.get(p("/api/v1/alerts"), cfo).status()).isEqualTo(200);
        Http.Response refused = http.get(p("/api/v1/executive-summary"), dev);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").stringValue()).contains("admins and executives");
        assertThat(http.get(p("/api/v1/alerts"), dev).status()).isEqualTo(403);
        assertThat(http.get(p("/api/v1/executive-access-log"), cfo).status())
                .as("the log is for admins only")
                .isEqualTo(403);

        JsonNode log = http.get(p("/api/v1/executive-access-log"), ADMIN).json();
        assertThat(log).hasSize(2); // the refused reads were not reads
        assertThat(log.get(1).get("who").stringValue()).isEqualTo(executive.email());
        assertThat(log.get(1).get("role").stringValue()).isEqualTo("executive");
        assertThat(log.get(1).get("what").stringValue())
                .startsWith("GET /api/v1/executive-summary")
                .contains("tenant=acme");
        assertThat(log.get(0).get("what").stringValue()).startsWith("GET /api/v1/alerts");
        assertThat(log.get(0).get("at").stringValue()).isNotBlank();

        Http.Response csv = http.get(p("/api/v1/executive-access-log?format=csv"), ADMIN);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().toList()).first().isEqualTo("at,who,role,what");
        assertThat(csv.body()).contains(executive.email() + ",executive,GET /api/v1/executive-summary");
    }
}
