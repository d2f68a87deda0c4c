package dev.beton.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every {@code /api/v1} error is one format — RFC 7807 with a stable type — including the errors
 * raised before a controller is chosen, which used to be Spring's default JSON or Tomcat's HTML.
 */
@OnEmbeddedStore
class ProblemDetailsEverywhereTest {

    @LocalServerPort
    int port;

    private Http http() {
        return new Http(port);
    }

    @Test
    void anUnknownRouteIsAProblem() {
        var response = http().get("/api/v1/no-such-route", Http.adminBasic());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:beton:problem:not-found");
        assertThat(response.json().get("detail").asString()).contains("/api/v1/no-such-route");
        assertThat(response.json().get("instance").asString()).isEqualTo("/api/v1/no-such-route");
    }

    @Test
    void aWrongMethodIsAProblem() {
        var response = http().delete("/api/v1/workspaces", Http.adminBasic());

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:beton:problem:method-not-allowed");
    }

    @Test
    void aWrongMediaTypeIsAProblemWithAStableType() {
        var response = http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tokens"))
                .header("Authorization", Http.adminBasic())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x"))
                .build());

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:beton:problem:unsupported-media-type");
    }

    @Test
    void unreadableJsonIsAProblemWithAStableType() {
        var response = http().postJson("/api/v1/tokens", Http.adminBasic(), "{not json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:beton:problem:bad-request");
    }

    @Test
    void theErrorRouteItselfIsAClientError() {
        var response = http().get("/error", null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("There is nothing at /error.");
    }

    @Test
    void seedRoutesKeepTheirMembersInsideTheProblem() {
        for (String path : new String[] {"/api/posthog/validate", "/api/v1/posthog/validate"}) {
            var response = http().postJson(path, Http.adminBasic(), "{\"api_key\": \"phc_projecttoken\"}");

            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("urn:beton:problem:invalid_format");
            assertThat(response.json().get("error_type").asString()).isEqualTo("invalid_format");
            assertThat(response.json().get("error").asString())
                    .isEqualTo(response.json().get("detail").asString());
        }
    }

    @Test
    void seedRoutesAnswerUnreadableBodiesInTheSameFormat() {
        var response = http().postJson("/api/posthog/validate", Http.adminBasic(), "{not json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("error_type").asString()).isEqualTo("invalid_format");
    }
}
