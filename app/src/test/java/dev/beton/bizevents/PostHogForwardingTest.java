package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.beton.contract.ContractValidator;
import dev.beton.detection.PostHogQueue;
import dev.beton.emulator.posthog.CapturedEvent;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 18 §1: valid business events go on to the connected PostHog through the outbox (PostHog emulator). */
class PostHogForwardingTest extends BusinessEventsContext {

    static final String KEY = "phx_bizEventsForwardKey0123456789abcdefghijklmnopq";
    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000b1"), "Acme", "acme");
    static final PostHogProject PROJECT =
            new PostHogProject(718, ORG.id(), "Product", "phc_bizEventsForwardToken0123456789abcdefghi");

    @Autowired
    Workspaces workspaces;

    @Autowired
    dev.beton.workspace.Users users;

    @Autowired
    PostHogQueue queue;

    @Autowired
    PostHogForwarding forwarding;

    final ContractValidator contract = ContractValidator.posthog();
    PostHogEmulator posthog;
    Workspace workspace;

    @BeforeEach
    void emulatorAndWorkspace() {
        posthog = PostHogEmulator.builder()
                .organization(ORG)
                .project(PROJECT)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .observer(contract)
                .start();
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        workspace = workspaces.create("Forwarding " + UUID.randomUUID(), Optional.empty(), admin);
    }

    @AfterEach
    void stop() {
        posthog.close();
        contract.assertNoViolations();
    }

    @Test
    void validBusinessEventsReachTheConnectedPostHogAndInvalidOnesDoNot() {
        Http http = new Http(port);
        String ws = "?workspace=" + workspace.slug();
        String before = "before-" + UUID.randomUUID();
        assertThat(http.postJson("/api/v1/business-events" + ws, ADMIN, revenueEvent(before, 50))
                        .status())
                .isEqualTo(201);

        Http.Response connected = http.postJson(
                "/api/v1/settings/integrations/posthog" + ws,
                ADMIN,
                "{\"api_key\": \"" + KEY + "\", \"region\": \"custom\", \"host\": \"" + posthog.baseUrl()
                        + "\", \"project_id\": " + PROJECT.id() + "}");
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        forwarding.forgetConnections();

        String tenant = "fwd-" + UUID.randomUUID();
        Http.Response posted = http.postJson("/api/v1/business-events" + ws, ADMIN, revenueEvent(tenant, 2_500));
        assertThat(posted.status()).isEqualTo(201);
        String uuid = posted.json().get("events").get(0).get("uuid").stringValue();
        String invalid = revenueEvent(tenant, 10).replace("\"bounce_rate\":0.12", "\"bounce_rate\":\"lots\"");
        String withToken = invalid.replaceFirst("\\{", "{\"api_key\":\"" + workspace.projectToken() + "\",");
        assertThat(http.postJson("/i/v0/e", null, withToken).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            queue.deliverNow();
            return !sent("revenue_impact_event").isEmpty();
        });
        List<CapturedEvent> sent = sent("revenue_impact_event");
        assertThat(sent).hasSize(1); // not the one from before the connection, not the invalid one
        CapturedEvent event = sent.getFirst();
        assertThat(event.uuid().toString()).isEqualTo(uuid);
        assertThat(event.distinctId()).isEqualTo(tenant);
        assertThat(event.properties()).containsEntry("tenant_id", tenant).containsEntry("impact_type", "negative");
    }

    private List<CapturedEvent> sent(String name) {
        return posthog.events(PROJECT.id()).stream()
                .filter(e -> e.event().equals(name))
                .toList();
    }
}
