package dev.beton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.workspace.Workspaces;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue 11, must fix 10: {@code {"name": 123}} created a workspace called "123". A name is a JSON string. */
class WorkspaceNameNotAStringTest extends SecurityRegression {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Test
    void aNameThatIsNotAStringIsA400() {
        Http http = new Http(port);
        int before = workspaces.all().size();
        for (String name : new String[] {"123", "true", "1.5", "[\"a\"]", "{\"a\": 1}"}) {
            var response = http.postJson("/api/v1/workspaces", Http.adminBasic(), "{\"name\": " + name + "}");
            assertThat(response.status()).as(name).isEqualTo(400);
            assertThat(response.header("Content-Type")).contains("problem+json");
        }
        assertThat(workspaces.all()).hasSize(before);
        assertThat(http.postJson(
                                "/api/v1/workspaces",
                                Http.adminBasic(),
                                "{\"name\": \"Strings work " + UUID.randomUUID() + "\"}")
                        .status())
                .isEqualTo(201);
    }
}
