package dev.beton.security;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.testsupport.OnEmbeddedStore;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The security regression set (issue 11): one test class per hole a probe of the running service
 * found, each named for what broke. They share this one Beton: PostHog clouds, a PostHog-speaking
 * server run by an attacker, Attio, an instance-wide {@code POSTHOG_API_KEY} and a metrics scrape
 * token, and a real SMTP server.
 */
@OnEmbeddedStore
abstract class SecurityRegression {

    static final String INSTANCE_KEY = "phx_instanceWideKeyFromTheEnvironment0123456789ab";
    static final String WORKSPACE_KEY = "phx_workspaceKeyEnteredByItsAdmin0123456789abcdef";
    static final String ATTACKER_KEY = "phx_attackersOwnKeyOnTheirOwnServer0123456789abcd";
    static final String ATTIO_TOKEN = "attio_saved_0123456789abcdef0123456789abcdef0123456789abcd";

    static final KeyWitness cloudWitness = new KeyWitness();
    static final KeyWitness attackerWitness = new KeyWitness();
    static final KeyWitness attioWitness = new KeyWitness();

    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-00000000aa01"), "Cloud org", "cloud");
    static final PostHogOrganization EVIL =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-00000000ee01"), "Evil org", "evil");

    static final PostHogEmulator us = PostHogEmulator.builder()
            .organization(ORG)
            .project(new PostHogProject(501, ORG.id(), "Cloud app", "phc_cloudProjectToken0123456789abcdefghijklm"))
            .personalKey(PersonalApiKey.withScopes(INSTANCE_KEY, "*"))
            .personalKey(PersonalApiKey.withScopes(WORKSPACE_KEY, "*"))
            .observer(cloudWitness)
            .start();
    static final PostHogEmulator eu = PostHogEmulator.builder()
            .organization(ORG)
            .project(new PostHogProject(502, ORG.id(), "EU app", "phc_euProjectToken0123456789abcdefghijklmnopq"))
            .observer(cloudWitness)
            .start();
    /** A PostHog-speaking server run by a workspace admin, accepting only their own key. */
    static final PostHogEmulator attacker = PostHogEmulator.builder()
            .organization(EVIL)
            .project(new PostHogProject(666, EVIL.id(), "Bait", "phc_baitProjectToken0123456789abcdefghijklmno"))
            .personalKey(PersonalApiKey.withScopes(ATTACKER_KEY, "*"))
            .observer(attackerWitness)
            .start();

    static final AttioEmulator attio = AttioEmulator.builder()
            .workspace(new AttioWorkspace(UUID.fromString("0a0a0a0a-1111-4222-8333-4444555566aa"), "CRM", "crm"))
            .token(AttioToken.full(ATTIO_TOKEN))
            .dealsEnabled(true)
            .observer(attioWitness)
            .start();

    static final String SCRAPE_TOKEN = "scrape-0123456789abcdef0123456789abcdef";

    /** A real SMTP server: invitations are mailed, never shown to the inviting admin. */
    static final GreenMail smtp = startSmtp();

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void securityEnvironment(DynamicPropertyRegistry registry) {
        registry.add("beton.posthog.us-url", () -> us.baseUrl().toString());
        registry.add("beton.posthog.eu-url", () -> eu.baseUrl().toString());
        registry.add("beton.attio.base-url", () -> attio.baseUrl().toString());
        registry.add("POSTHOG_API_KEY", () -> INSTANCE_KEY);
        registry.add("beton.metrics.scrape-token", () -> SCRAPE_TOKEN);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }
}
