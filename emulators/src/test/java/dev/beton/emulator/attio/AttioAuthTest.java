package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioFixture.FULL;
import static dev.beton.emulator.attio.AttioFixture.READ_ONLY;
import static dev.beton.emulator.attio.AttioFixture.REVOKED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AttioAuthTest {

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.attio();

    private AttioEmulator attio;
    private TestHttp http;

    @BeforeEach
    void start() {
        attio = AttioFixture.builder(MutableClock.at("2026-01-05T12:00:00Z"), contract)
                .start();
        http = TestHttp.to(attio.baseUrl());
    }

    @AfterEach
    void stop() {
        attio.close();
    }

    @Test
    void missingTokenIs401WithTheAuthEnvelope() {
        TestHttp.Reply reply = http.get("/v2/objects");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("status_code").asInt()).isEqualTo(401);
        assertThat(reply.json().path("type").asString()).isEqualTo("auth_error");
        assertThat(reply.json().path("code").asString()).isEqualTo("unauthorized");
        assertThat(reply.json().path("message").asString()).startsWith("The Authorization header was not provided.");
    }

    @Test
    void unknownTokenIs401EvenOnSelf() {
        assertThat(http.bearer("nope").get("/v2/self").status()).isEqualTo(401);
        assertThat(http.bearer("nope").get("/v2/objects").status()).isEqualTo(401);
    }

    @Test
    void revokedTokenIsInactiveOnSelfAndRefusedElsewhere() {
        TestHttp revoked = http.bearer(REVOKED);

        TestHttp.Reply self = revoked.get("/v2/self");
        assertThat(self.status()).isEqualTo(200);
        assertThat(self.json().path("active").asBoolean()).isFalse();
        assertThat(self.json().size()).isEqualTo(1);
        assertThat(revoked.post("/v2/objects/companies/records/query", "{}").status())
                .isEqualTo(401);
    }

    @Test
    void selfDescribesTheTokenAndWorkspace() {
        JsonNode self = http.bearer(READ_ONLY).get("/v2/self").json();

        assertThat(self.path("active").asBoolean()).isTrue();
        assertThat(self.path("workspace_name").asString()).isEqualTo("Acme Sales");
        assertThat(self.path("workspace_slug").asString()).isEqualTo("acme-sales");
        assertThat(self.path("workspace_id").asString()).isEqualTo("0a0a0a0a-1111-4222-8333-444455556666");
        assertThat(self.path("scope").asString().split(" "))
                .containsExactlyInAnyOrder("record_permission:read", "object_configuration:read", "note:read");
        assertThat(self.path("token_type").asString()).isEqualTo("Bearer");
    }

    @Test
    void missingScopeIs403AuthError() {
        TestHttp.Reply reply = http.bearer(READ_ONLY)
                .post("/v2/objects/companies/records", "{\"data\":{\"values\":{\"name\":[\"Acme\"]}}}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("type").asString()).isEqualTo("auth_error");
        assertThat(reply.json().path("message").asString()).contains("record_permission:read-write");
    }

    @Test
    void readWriteScopeImpliesRead() {
        assertThat(http.bearer(FULL)
                        .post("/v2/objects/companies/records/query", "{}")
                        .status())
                .isEqualTo(200);
        assertThat(http.bearer(READ_ONLY)
                        .post("/v2/objects/companies/records/query", "{}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void basicAuthWithTheTokenAsUserNameWorks() throws Exception {
        String basic = Base64.getEncoder().encodeToString((FULL + ":").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(attio.baseUrl() + "/v2/objects"))
                .header("Authorization", "Basic " + basic)
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
