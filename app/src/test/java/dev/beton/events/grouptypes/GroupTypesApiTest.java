package dev.beton.events.grouptypes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.PageSession;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 11, must fix 6: only the workspace's group types, or the automatic {@code company}, get a
 * slot from capture; an admin adds, renames and removes them.
 */
@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/group-types",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GroupTypesApiTest {

    static {
        TestDataDirs.fresh("group-types");
    }

    static final String ADMIN = Http.basic("admin@example.com", "correct-horse-battery");

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    @Autowired
    GroupTypeSettings settings;

    Http http;
    Workspace workspace;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        workspace = workspaces.bySlug("default").orElseThrow();
        settings.list(workspace.id()).forEach(type -> settings.remove(workspace.id(), type.index()));
    }

    @Test
    void aTypeAnAdminAddedGetsASlotFromCaptureAndUnknownOnesAreListedWithoutOne() {
        capture("signed_up", "{\"team\":\"t1\",\"project\":\"p1\"}");
        assertThat(http.get("/api/v1/group-types", ADMIN).json().get("groupTypes"))
                .isEmpty();
        assertThat(http.get("/api/v1/group-types", ADMIN)
                        .json()
                        .get("unslotted")
                        .toString())
                .contains("\"name\":\"team\"")
                .contains("\"name\":\"project\"");

        Http.Response added = http.postJson("/api/v1/group-types", ADMIN, "{\"name\":\"team\"}");
        assertThat(added.status()).isEqualTo(201);
        int slot = added.json().get("index").asInt();
        capture("signed_up", "{\"team\":\"t2\",\"project\":\"p2\"}");

        assertThat(count("SELECT count(*) FROM events WHERE \"$group_" + slot + "\" = 't2'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM group_types WHERE group_type = 'project'"))
                .isZero();
    }

    @Test
    void renameKeepsTheSlotAndRemoveFreesItAndClearsItsGroups() {
        int slot = http.postJson("/api/v1/group-types", ADMIN, "{\"name\":\"organization\"}")
                .json()
                .get("index")
                .asInt();
        groupIdentify("organization", "o1");
        capture("used", "{\"organization\":\"o1\"}");
        assertThat(count("SELECT count(*) FROM groups WHERE group_type_index = " + slot))
                .isEqualTo(1);

        Http.Response renamed = patch("/api/v1/group-types/" + slot, "{\"name\":\"company\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("index").asInt()).isEqualTo(slot);
        assertThat(count(
                        "SELECT count(*) FROM group_types WHERE group_type = 'company' AND group_type_index = " + slot))
                .isEqualTo(1);

        assertThat(http.delete("/api/v1/group-types/" + slot, ADMIN).status()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM group_types")).isZero();
        assertThat(count("SELECT count(*) FROM groups WHERE group_type_index = " + slot))
                .isZero();
        assertThat(count("SELECT count(*) FROM events WHERE \"$group_" + slot + "\" IS NOT NULL"))
                .isZero();
        assertThat(count("SELECT count(*) FROM events WHERE event = 'used'")).isGreaterThan(0);
    }

    @Test
    void refusesASixthTypeADuplicateAndAnEmptyNameWithASentence() {
        for (String name : new String[] {"a", "b", "c", "d", "e"}) {
            assertThat(http.postJson("/api/v1/group-types", ADMIN, "{\"name\":\"" + name + "\"}")
                            .status())
                    .isEqualTo(201);
        }
        Http.Response sixth = http.postJson("/api/v1/group-types", ADMIN, "{\"name\":\"f\"}");
        assertThat(sixth.status()).isEqualTo(409);
        assertThat(sixth.json().get("detail").asString()).contains("All 5 group type slots are taken");
        Http.Response duplicate = patch("/api/v1/group-types/1", "{\"name\":\"a\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        Http.Response empty = http.postJson("/api/v1/group-types", ADMIN, "{\"name\":\"  \"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(http.delete("/api/v1/group-types/4", ADMIN).status()).isEqualTo(204);
        assertThat(http.delete("/api/v1/group-types/4", ADMIN).status()).isEqualTo(404);
        // Capture with the automatic type takes the freed slot; the full set never refuses a batch.
        capture("used", "{\"company\":\"acme\",\"f\":\"x\"}");
        assertThat(count("SELECT count(*) FROM group_types WHERE group_type = 'company' AND group_type_index = 4"))
                .isEqualTo(1);
    }

    @Test
    void thePageListsTheSlotsAndTheTypesWithoutOne() {
        http.postJson("/api/v1/group-types", ADMIN, "{\"name\":\"workspace\"}");
        capture("used", "{\"squad\":\"s1\"}");
        String page = PageSession.signIn("http://localhost:" + port, "admin@example.com", "correct-horse-battery")
                .html("/settings/group-types?workspace=default");
        assertThat(page)
                .contains("<h1>Group types</h1>")
                .contains("<code>workspace</code>")
                .contains("<code>squad</code>")
                .contains("New name for slot");
    }

    private void capture(String event, String groups) {
        String body = "{\"api_key\":\"%s\",\"event\":\"%s\",\"distinct_id\":\"%s\",\"properties\":{\"$groups\":%s}}"
                .formatted(workspace.projectToken(), event, UUID.randomUUID(), groups);
        assertThat(http.postJson("/i/v0/e", null, body).status()).isEqualTo(200);
    }

    private void groupIdentify(String type, String key) {
        String body = ("{\"api_key\":\"%s\",\"event\":\"$groupidentify\",\"distinct_id\":\"x\",\"properties\":"
                        + "{\"$group_type\":\"%s\",\"$group_key\":\"%s\",\"$group_set\":{\"name\":\"N\"}}}")
                .formatted(workspace.projectToken(), type, key);
        assertThat(http.postJson("/i/v0/e", null, body).status()).isEqualTo(200);
    }

    private Http.Response patch(String path, String json) {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private long count(String sql) {
        return warehouse.read(workspace.id(), connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
