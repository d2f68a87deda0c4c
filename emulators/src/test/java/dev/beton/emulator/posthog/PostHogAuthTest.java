package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.PostHogFixture.ALL;
import static dev.beton.emulator.posthog.PostHogFixture.LEGACY;
import static dev.beton.emulator.posthog.PostHogFixture.MAIN_ONLY;
import static dev.beton.emulator.posthog.PostHogFixture.READER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostHogAuthTest {

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private PostHogEmulator posthog;
    private TestHttp http;

    @BeforeEach
    void start() {
        posthog = PostHogFixture.builder(MutableClock.at("2026-01-05T12:00:00Z"), contract)
                .start();
        http = TestHttp.to(posthog.baseUrl());
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void missingCredentialsAnswer401NotAuthenticated() {
        TestHttp.Reply reply = http.get("/api/users/@me/");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("type").asString()).isEqualTo("authentication_error");
        assertThat(reply.json().path("code").asString()).isEqualTo("not_authenticated");
        assertThat(reply.json().path("detail").asString()).isEqualTo("Authentication credentials were not provided.");
        assertThat(reply.json().has("attr")).isTrue();
        assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer resource_metadata=\"http://127.0.0.1:")
                .endsWith("/.well-known/oauth-protected-resource\""));
    }

    @Test
    void unknownKeyAnswers401AuthenticationFailed() {
        TestHttp.Reply reply = http.bearer("phx_not_a_real_key").get("/api/projects/");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("code").asString()).isEqualTo("authentication_failed");
        assertThat(reply.json().path("detail").asString())
                .isEqualTo("Personal API key found in request Authorization header is invalid.");
    }

    @Test
    void projectTokenIsNotAPersonalKey() {
        TestHttp.Reply reply = http.bearer(PostHogFixture.MAIN.apiToken()).get("/api/users/@me/");

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void keyInQueryStringIsAcceptedAndNamedInTheError() {
        assertThat(http.get("/api/users/@me/?personal_api_key=" + ALL).status()).isEqualTo(200);

        TestHttp.Reply bad = http.get("/api/users/@me/?personal_api_key=phx_wrong");
        assertThat(bad.json().path("detail").asString()).contains("query string");
    }

    @Test
    void missingScopeAnswers403NamingTheScope() {
        TestHttp.Reply reply = http.bearer(READER).post("/api/projects/1/dashboards/", "{\"name\":\"x\"}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("code").asString()).isEqualTo("permission_denied");
        assertThat(reply.json().path("detail").asString())
                .isEqualTo("API key missing required scope 'dashboard:write'");
        assertThat(http.bearer(READER)
                        .get("/api/projects/1/groups_types/")
                        .json()
                        .path("detail")
                        .asString())
                .isEqualTo("API key missing required scope 'group:read'");
    }

    @Test
    void readScopeAllowsReadsAndQueriesWhichArePosts() {
        TestHttp reader = http.bearer(READER);

        assertThat(reader.get("/api/projects/1/dashboards/").status()).isEqualTo(200);
        assertThat(reader.post(
                                "/api/projects/1/query/",
                                "{\"query\":{\"kind\":\"HogQLQuery\",\"query\":\"SELECT count() FROM events\"}}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void projectScopedKeyIsRefusedOtherProjectsButSeesItsUser() {
        TestHttp scoped = http.bearer(MAIN_ONLY);

        assertThat(scoped.get("/api/projects/1/dashboards/").status()).isEqualTo(200);
        TestHttp.Reply other = scoped.get("/api/projects/2/dashboards/");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().path("detail").asString())
                .isEqualTo("API key does not have access to the requested project '2'");
        assertThat(scoped.get("/api/users/@me/").status()).isEqualTo(200);
        assertThat(scoped.get("/api/projects/").json().path("results").size()).isEqualTo(1);
    }

    @Test
    void legacyKeyWithoutScopesMayDoAnything() {
        TestHttp legacy = http.bearer(LEGACY);

        assertThat(legacy.post("/api/projects/1/dashboards/", "{\"name\":\"legacy\"}")
                        .status())
                .isEqualTo(201);
        assertThat(legacy.get("/api/projects/1/groups_types/").status()).isEqualTo(200);
    }

    @Test
    void unknownProjectIs404() {
        TestHttp.Reply reply = http.bearer(ALL).get("/api/projects/777/dashboards/");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("code").asString()).isEqualTo("not_found");
    }
}
