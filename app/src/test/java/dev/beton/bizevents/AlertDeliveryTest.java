package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Issue 18: critical alerts to a signed, retried incoming webhook; medium alerts in the weekly digest. */
class AlertDeliveryTest extends BusinessEventsContext {

    /** What the fake Slack-compatible receiver got. */
    record Received(Map<String, List<String>> headers, String body) {}

    @Autowired
    Workspaces workspaces;

    @Autowired
    dev.beton.workspace.Users users;

    @Autowired
    AlertWebhookSender sender;

    @Autowired
    AlertDigest digest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Workspace workspace;
    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void freshWorkspaceAndReceiver() throws IOException {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        workspace = workspaces.create("Alert delivery " + UUID.randomUUID(), Optional.empty(), admin);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/services/T000/B000/secret-token-xyz", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders(), body));
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            byte[] answer = (status == 200 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    String p(String path) {
        return path + (path.contains("?") ? "&" : "?") + "workspace=" + workspace.slug();
    }

    @Test
    void aCriticalAlertIsPostedSignedAndRetriedAfterTheReceiverFailed() {
        Http http = new Http(port);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/services/T000/B000/secret-token-xyz";
        Http.Response configured = put(http, "/api/v1/alert-webhook", "{\"url\":\"" + url + "\"}");
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        String signingSecret = configured.json().get("signingSecret").stringValue();
        assertThat(signingSecret).startsWith("whsec_");
        assertThat(configured.json().get("url").stringValue()).doesNotContain("secret-token");
        // sealed at rest, shown masked afterwards, the signing secret never again
        assertThat(jdbc.sql("SELECT ciphertext FROM sealed_secrets WHERE workspace_id = ?")
                        .param(workspace.id())
                        .query(String.class)
                        .list())
                .hasSize(2)
                .noneMatch(c -> c.contains("secret-token") || c.contains(signingSecret));
        JsonNode shown = http.get(p("/api/v1/alert-webhook"), ADMIN).json();
        assertThat(shown.get("configured").booleanValue()).isTrue();
        assertThat(shown.toString()).doesNotContain("secret-token").doesNotContain(signingSecret);

        failuresLeft.set(1);
        String tenant = "hook-" + UUID.randomUUID();
        assertThat(http.postJson(p("/api/v1/business-events"), ADMIN, revenueEvent(tenant, 25_000))
                        .status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1); // the first attempt: 503
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sender.deliverDue(); // what the recurring task does
            return received.size() == 2;
        });

        Received post = received.get(1);
        assertThat(post.body()).contains("\"text\"").contains(tenant).contains("CRITICAL");
        String timestamp = post.headers().get("X-beton-request-timestamp").getFirst();
        String signature = post.headers().get("X-beton-signature").getFirst();
        assertThat(WebhookSignature.verify(
                        signingSecret,
                        timestamp,
                        post.body(),
                        signature,
                        clock.instant().getEpochSecond()))
                .isTrue();
        assertThat(WebhookSignature.verify(
                        "whsec_other",
                        timestamp,
                        post.body(),
                        signature,
                        clock.instant().getEpochSecond()))
                .isFalse();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> "sent".equals(alertOf(http, tenant).path("webhook").stringValue()));
        JsonNode delivery =
                http.get(p("/api/v1/alert-webhook/deliveries"), ADMIN).json().get(0);
        assertThat(delivery.get("status").stringValue()).isEqualTo("sent");
        assertThat(delivery.get("attempts").intValue()).isEqualTo(2);
        assertThat(http.get(p("/api/v1/alerts?status=all"), ADMIN)
                        .json()
                        .get("fatigue")
                        .get("webhooked")
                        .longValue())
                .isEqualTo(1);
    }

    @Test
    void aBadWebhookUrlIsRefusedWithASentence() {
        Http.Response refused = put(new Http(port), "/api/v1/alert-webhook", "{\"url\":\"ftp://example.com/x\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").stringValue()).contains("http or https");
    }

    @Test
    void mediumAlertsAreMailedOnceInTheWeeklyDigest() {
        Http http = new Http(port);
        String tenant = "digest-" + UUID.randomUUID();
        assertThat(http.postJson(p("/api/v1/business-events"), ADMIN, revenueEvent(tenant, 500))
                        .status())
                .isEqualTo(201);
        assertThat(alertOf(http, tenant).get("notification").stringValue()).isEqualTo("weekly_digest");

        assertThat(digest.send(workspace.id(), workspace.name(), clock.instant()))
                .isEqualTo(1);
        MimeMessage mail = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).contains(workspace.name()))
                .findFirst()
                .orElseThrow();
        assertThat(subject(mail)).isEqualTo("[Beton] Weekly digest: 1 medium alert in " + workspace.name());
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains(tenant);
        assertThat(alertOf(http, tenant).get("notification").stringValue()).isEqualTo("digest_sent");
        assertThat(digest.send(workspace.id(), workspace.name(), clock.instant()))
                .as("a rerun mails nothing twice")
                .isZero();
        assertThat(http.get(p("/api/v1/alerts?status=all"), ADMIN)
                        .json()
                        .get("fatigue")
                        .get("digested")
                        .longValue())
                .isEqualTo(1);
    }

    private JsonNode alertOf(Http http, String tenant) {
        return http.get(p("/api/v1/alerts?status=all&tenant=" + tenant), ADMIN)
                .json()
                .get("items")
                .get(0);
    }

    private Http.Response put(Http http, String path, String json) {
        return http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + p(path)))
                .header("Content-Type", "application/json")
                .header("Authorization", ADMIN)
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
