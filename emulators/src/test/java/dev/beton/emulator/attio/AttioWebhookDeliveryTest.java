package dev.beton.emulator.attio;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Json;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The emulator delivers record events to webhook targets itself, signed as Attio signs them. */
class AttioWebhookDeliveryTest {

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.attio();

    static final String HOOKS = "attio_webhooks_token";

    record Received(String body, String signature, String copy, String idempotencyKey) {}

    private final MutableClock clock = MutableClock.at("2026-01-05T12:00:00Z");
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private AttioEmulator attio;
    private TestHttp http;
    private HttpServer target;
    private volatile int answer = 200;

    @BeforeEach
    void start() throws Exception {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    body,
                    exchange.getRequestHeaders().getFirst("Attio-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Attio-Signature"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        target.start();
        attio = AttioFixture.builder(clock, contract)
                .token(AttioToken.active(
                        HOOKS, "record_permission:read-write", "object_configuration:read", "webhook:read-write"))
                .start();
        int port = target.getAddress().getPort();
        attio.routeWebhooks(uri -> URI.create("http://127.0.0.1:" + port + uri.getRawPath()));
        http = TestHttp.to(attio.baseUrl()).bearer(HOOKS);
    }

    @AfterEach
    void stop() {
        attio.close();
        target.stop(0);
    }

    private String subscribe(String subscriptions) {
        TestHttp.Reply reply = http.post(
                "/v2/webhooks",
                "{\"data\":{\"target_url\":\"https://beton.example/hooks\",\"subscriptions\":" + subscriptions + "}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("data").path("secret").asString();
    }

    private String objectId(String slug) {
        return http.get("/v2/objects/" + slug)
                .json()
                .path("data")
                .path("id")
                .path("object_id")
                .asString();
    }

    @Test
    void aChangedDealIsDeliveredSignedWithIdsOnlyAndFilteredObjectsAreNot() throws Exception {
        String deals = objectId("deals");
        String secret = subscribe("[{\"event_type\":\"record.created\",\"filter\":{\"$and\":[{\"field\":"
                + "\"id.object_id\",\"operator\":\"equals\",\"value\":\"" + deals + "\"}]}},"
                + "{\"event_type\":\"record.updated\",\"filter\":null}]");
        http.post("/v2/objects/companies/records", "{\"data\":{\"values\":{\"domains\":[\"acme.com\"]}}}");
        String dealId = http.post(
                        "/v2/objects/deals/records",
                        "{\"data\":{\"values\":{\"name\":\"Acme\",\"stage\":\"Lead\",\"owner\":\"rep@acme.test\"}}}")
                .json()
                .path("data")
                .path("id")
                .path("record_id")
                .asString();

        Received created = received.poll(20, TimeUnit.SECONDS);
        assertThat(created).isNotNull();
        JsonNode envelope = Json.parse(created.body());
        assertThat(envelope.path("events")).hasSize(1);
        JsonNode event = envelope.path("events").get(0);
        assertThat(event.path("event_type").asString()).isEqualTo("record.created");
        assertThat(event.path("id").path("record_id").asString()).isEqualTo(dealId);
        assertThat(event.path("id").path("object_id").asString()).isEqualTo(deals);
        assertThat(event.path("actor").path("type").asString()).isEqualTo("api-token");
        assertThat(created.signature()).isEqualTo(WebhookRoutes.sign(secret, created.body()));
        assertThat(created.copy()).isEqualTo(created.signature());
        assertThat(created.idempotencyKey()).isNotBlank();

        attio.editAsMember("deals", dealId, java.util.Map.of("stage", "Won 🎉"), AttioFixture.OWNER);
        Received updated = received.poll(20, TimeUnit.SECONDS);
        assertThat(updated).isNotNull();
        JsonNode change = Json.parse(updated.body()).path("events").get(0);
        assertThat(change.path("event_type").asString()).isEqualTo("record.updated");
        assertThat(change.path("id").path("attribute_id").asString()).isNotBlank();
        assertThat(change.path("actor").path("type").asString()).isEqualTo("workspace-member");
        assertThat(received.poll(1, TimeUnit.SECONDS))
                .as("the company's creation is filtered out")
                .isNull();
        assertThat(attio.webhookDeliveries())
                .extracting(AttioEmulator.WebhookDelivery::status)
                .containsOnly(200);
    }

    @Test
    void aRefusedDeliveryIsRetriedWithTheSameIdempotencyKey() throws Exception {
        answer = 500;
        subscribe("[{\"event_type\":\"record.created\",\"filter\":null}]");
        http.post("/v2/objects/companies/records", "{\"data\":{\"values\":{\"domains\":[\"retry.com\"]}}}");

        List<Received> tries = new java.util.ArrayList<>();
        for (int i = 0; i < WebhookRoutes.ATTEMPTS; i++) {
            Received one = received.poll(20, TimeUnit.SECONDS);
            assertThat(one).isNotNull();
            tries.add(one);
        }

        assertThat(tries)
                .extracting(Received::idempotencyKey)
                .containsOnly(tries.getFirst().idempotencyKey());
        assertThat(tries)
                .extracting(Received::body)
                .containsOnly(tries.getFirst().body());
    }
}
