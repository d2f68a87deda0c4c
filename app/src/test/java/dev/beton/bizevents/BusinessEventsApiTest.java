package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.beton.testsupport.Http;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Issue 18 parts 1–2 through the HTTP API, with a real SMTP server. */
class BusinessEventsApiTest extends BusinessEventsContext {

    @Autowired
    Workspaces workspaces;

    @Autowired
    dev.beton.workspace.Users users;

    /** A workspace per test: rules, alerts and the per-rule rate limit are per workspace. */
    Workspace workspace;

    @org.junit.jupiter.api.BeforeEach
    void freshWorkspace() {
        long admin = users.byEmail(dev.beton.testsupport.TestStores.ADMIN_EMAIL)
                .orElseThrow()
                .id();
        workspace = workspaces.create("Business events " + UUID.randomUUID(), java.util.Optional.empty(), admin);
    }

    String p(String path) {
        return path + (path.contains("?") ? "&" : "?") + "workspace=" + workspace.slug();
    }

    @Test
    void aCriticalRevenueImpactRaisesACriticalAlertBeforeTheAnswerAndMailsIt() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        Http http = new Http(port);
        Http.Response posted = http.postJson(p("/api/v1/business-events"), ADMIN, revenueEvent(tenant, 25_000));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        JsonNode raised = posted.json().get("events").get(0).get("alerts");
        assertThat(raised).hasSize(1); // one per family: critical, not also high and medium
        assertThat(raised.get(0).get("tier").stringValue()).isEqualTo("critical");
        assertThat(raised.get(0).get("rule").stringValue()).isEqualTo("revenue_impact_critical");

        JsonNode listed = http.get(p("/api/v1/alerts?tier=critical&tenant=" + tenant), ADMIN)
                .json();
        assertThat(listed.get("items")).hasSize(1);
        JsonNode alert = listed.get("items").get(0);
        assertThat(alert.get("tenantId").stringValue()).isEqualTo(tenant);
        assertThat(alert.get("eventName").stringValue()).isEqualTo("revenue_impact_event");
        assertThat(alert.get("detail").stringValue()).contains("$25,000");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !notification(http, alert).equals("pending"));
        assertThat(notification(http, alert)).isEqualTo("sent");
        MimeMessage mail = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).contains(tenant))
                .findFirst()
                .orElseThrow();
        assertThat(subject(mail)).startsWith("[Beton] CRITICAL: Revenue impact over $10,000");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(dev.beton.testsupport.TestStores.ADMIN_EMAIL);

        long id = alert.get("id").asLong();
        assertThat(http.postJson(p("/api/v1/alerts/" + id + "/acknowledge"), ADMIN, "")
                        .json()
                        .get("status")
                        .stringValue())
                .isEqualTo("acknowledged");
        assertThat(http.postJson(p("/api/v1/alerts/" + id + "/resolve"), ADMIN, "")
                        .json()
                        .get("status")
                        .stringValue())
                .isEqualTo("resolved");
        assertThat(http.get(p("/api/v1/alerts?tenant=" + tenant), ADMIN).json().get("items"))
                .isEmpty();
    }

    @Test
    void anInvalidEventIsRefusedNamingEachFieldAndNothingIsStored() {
        String tenant = "tenant-" + UUID.randomUUID();
        String bad = revenueEvent(tenant, 25_000)
                .replace("\"bounce_rate\":0.12", "\"bounce_rate\":\"lots\"")
                .replace("\"urgency_level\":\"high\"", "\"urgency_level\":\"panic\"");
        Http.Response refused = new Http(port).postJson(p("/api/v1/business-events"), ADMIN, bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw().headers().firstValue("Content-Type").orElseThrow())
                .contains("problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:beton:problem:invalid-business-event");
        assertThat(problem.get("detail").stringValue())
                .contains("bounce_rate must be a number")
                .contains("urgency_level");
        assertThat(problem.get("errors").toString())
                .contains("\"field\":\"bounce_rate\"")
                .contains("\"field\":\"urgency_level\"");
        assertThat(new Http(port)
                        .get(p("/api/v1/alerts?status=all&tenant=" + tenant), ADMIN)
                        .json()
                        .get("items"))
                .isEmpty();

        Http.Response unknown = new Http(port)
                .postJson(p("/api/v1/business-events"), ADMIN, "{\"event\":\"pageview\",\"properties\":{}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").stringValue())
                .isEqualTo("event");
    }

    @Test
    void captureKeepsAnInvalidBusinessEventFlaggedAndAlertsOnAValidOne() {
        String tenant = "tenant-" + UUID.randomUUID();
        Http http = new Http(port);
        String bad = revenueEvent(tenant, 25_000).replace("\"bounce_rate\":0.12", "\"bounce_rate\":\"lots\"");
        String withToken = bad.replaceFirst("\\{", "{\"api_key\":\"" + workspace.projectToken() + "\",");
        assertThat(http.postJson("/i/v0/e", null, withToken).status()).isEqualTo(200);
        JsonNode invalid = http.get(p("/api/v1/business-events/invalid"), ADMIN).json();
        assertThat(invalid.toString()).contains(tenant).contains("bounce_rate: must be a number");
        assertThat(http.get(p("/api/v1/alerts?tenant=" + tenant), ADMIN).json().get("items"))
                .isEmpty();

        String good =
                revenueEvent(tenant, 2_500).replaceFirst("\\{", "{\"api_key\":\"" + workspace.projectToken() + "\",");
        assertThat(http.postJson("/i/v0/e", null, good).status()).isEqualTo(200);
        JsonNode alerts =
                http.get(p("/api/v1/alerts?tenant=" + tenant), ADMIN).json().get("items");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("tier").stringValue()).isEqualTo("high");
        assertThat(alerts.get(0).get("notification").stringValue()).isEqualTo("dashboard");
    }

    @Test
    void repeatsCountUpOneAlertAndTheRuleStopsMailingAtItsHourlyLimit() {
        Http http = new Http(port);
        String tenant = "noisy-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(http.postJson(p("/api/v1/business-events"), ADMIN, revenueEvent(tenant, 20_000))
                            .status())
                    .isEqualTo(201);
        }
        JsonNode alerts =
                http.get(p("/api/v1/alerts?tenant=" + tenant), ADMIN).json().get("items");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("occurrences").asInt()).isEqualTo(3);

        // many tenants, one rule (cost overrun, so the revenue rule's mails in other tests are not
        // held back): the limit is 3 notifications per rule and hour in this context
        for (int i = 0; i < 5; i++) {
            String overrun = """
                    {"event":"cost_optimization_event","properties":{"tenant_id":"flood-%s","optimization_category":"vps",
                    "optimization_type":"implemented","savings_amount":0,"baseline_cost":1000,"optimized_cost":1500,
                    "tracking_date":"2026-11-30T10:30:00Z"}}""".formatted(UUID.randomUUID());
            assertThat(http.postJson(p("/api/v1/business-events"), ADMIN, overrun)
                            .status())
                    .isEqualTo(201);
        }
        JsonNode overruns = http.get(p("/api/v1/alerts?tier=critical&limit=1000"), ADMIN)
                .json()
                .get("items");
        long limited = 0;
        for (JsonNode alert : overruns) {
            if (alert.get("rule").stringValue().equals("cost_overrun_critical")
                    && alert.get("notification").stringValue().equals("rate_limited")) {
                limited++;
            }
        }
        assertThat(limited).isEqualTo(2);
        assertThat(http.get(p("/api/v1/alerts"), ADMIN)
                        .json()
                        .get("fatigue")
                        .get("rateLimited")
                        .asLong())
                .isPositive();
    }

    @Test
    void anAdminRaisesAThresholdAndTurnsARuleOff() {
        Http http = new Http(port);
        String tenant = "tenant-" + UUID.randomUUID();
        assertThat(put("/api/v1/alert-rules/efficiency_score_high", "{\"threshold\":50}")
                        .status())
                .isEqualTo(200);
        String efficiency = """
                {"event":"operational_efficiency_event","properties":{"tenant_id":"%s","efficiency_metric":"email_delivery_rate",
                "efficiency_score":60,"trend_direction":"declining","tracking_date":"2026-11-30T10:30:00Z"}}""".formatted(tenant);
        http.postJson(p("/api/v1/business-events"), ADMIN, efficiency);
        JsonNode alerts =
                http.get(p("/api/v1/alerts?tenant=" + tenant), ADMIN).json().get("items");
        assertThat(alerts).hasSize(1); // only the declining trend: 60 is not below 50
        assertThat(alerts.get(0).get("rule").stringValue()).isEqualTo("efficiency_trend_medium");

        assertThat(put("/api/v1/alert-rules/efficiency_trend_medium", "{\"enabled\":false}")
                        .status())
                .isEqualTo(200);
        String other = efficiency.replace(tenant, tenant + "-2");
        http.postJson(p("/api/v1/business-events"), ADMIN, other);
        assertThat(http.get(p("/api/v1/alerts?tenant=" + tenant + "-2"), ADMIN)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(http.get(p("/api/v1/alert-rules"), ADMIN).json().toString())
                .contains("\"key\":\"efficiency_trend_medium\"")
                .contains("\"enabled\":false");
        put("/api/v1/alert-rules/efficiency_score_high", "{\"threshold\":70}");
        put("/api/v1/alert-rules/efficiency_trend_medium", "{\"enabled\":true}");
    }

    @Test
    void theExecutiveSummaryAnswersTheSeedsStructurePerTenantAndAsMarkdown() {
        Http http = new Http(port);
        String tenant = "summary-" + UUID.randomUUID();
        http.postJson(p("/api/v1/business-events"), ADMIN, revenueEvent(tenant, 25_000));
        String efficiency = """
                {"event":"operational_efficiency_event","properties":{"tenant_id":"%s","efficiency_metric":"email_delivery_rate",
                "efficiency_score":87,"recommendations":["Optimize IP warmup"],"tracking_date":"2026-11-30T10:30:00Z"}}""".formatted(tenant);
        http.postJson(p("/api/v1/business-events"), ADMIN, efficiency);

        Http.Response answer = http.get(p("/api/v1/executive-summary?days=7&tenant=" + tenant), ADMIN);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode summary = answer.json();
        // (0 × 0.35 + 87 × 0.30) / 0.65 = 40.2, less 10 for the open critical alert
        assertThat(summary.get("overallBusinessHealth").asInt()).isEqualTo(30);
        assertThat(summary.get("keyMetrics").get("operationalEfficiencyScore").asDouble())
                .isEqualTo(87);
        assertThat(summary.get("keyMetrics").get("strategicDecisionsTracked").asInt())
                .isZero();
        assertThat(summary.get("criticalAlerts")).hasSize(1);
        assertThat(summary.get("recommendedActions").toString())
                .contains("IP warmup", "IP rotation", "Optimize IP warmup");
        assertThat(summary.get("trendAnalysis").get("revenueTrend").stringValue())
                .isEqualTo("stable");
        assertThat(summary.get("performance")
                        .get(0)
                        .get("businessPerformanceScore")
                        .asDouble())
                .isEqualTo(-100);

        JsonNode overall = http.get(p("/api/v1/executive-summary"), ADMIN).json();
        assertThat(overall.get("tenants").toString()).contains(tenant);

        Http.Response markdown = http.get(p("/api/v1/executive-summary?format=markdown&tenant=" + tenant), ADMIN);
        assertThat(markdown.header("Content-Type")).startsWith("text/markdown");
        assertThat(markdown.body())
                .contains("## Overall business health: 30 / 100")
                .contains("| Efficiency | stable |");
        assertThat(http.get(p("/api/v1/executive-summary?days=0"), ADMIN).status())
                .isEqualTo(400);
    }

    @Test
    void theSchemasArePublished() {
        Http.Response schema =
                new Http(port).get(p("/api/v1/business-events/schemas/revenue_impact_event.json"), ADMIN);
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.json().get("$id").stringValue())
                .endsWith("/api/v1/business-events/schemas/revenue_impact_event.json");
        assertThat(new Http(port)
                        .get(p("/api/v1/business-events/schemas"), ADMIN)
                        .json()
                        .size())
                .isEqualTo(6);
    }

    private String notification(Http http, JsonNode alert) {
        return http.get(p("/api/v1/alerts/" + alert.get("id").asLong()), ADMIN)
                .json()
                .get("notification")
                .stringValue();
    }

    private Http.Response put(String path, String json) {
        return new Http(port)
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + p(path)))
                        .header("Authorization", ADMIN)
                        .header("Content-Type", "application/json")
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
