package dev.beton.bizevents;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Beton (shared by the business-event test classes) with a real SMTP server, so critical
 * alerts are really mailed.
 */
@OnEmbeddedStore
abstract class BusinessEventsContext {

    static final String ADMIN = Http.basic(TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);

    static final GreenMail smtp = startSmtp();

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("beton.business-events.alerts.notifications-per-rule-per-hour", () -> 3);
        // a failed webhook post is due again at once; the tests call the retry themselves
        registry.add("beton.business-events.webhook.first-retry", () -> "1ms");
        registry.add("beton.business-events.webhook.longest-retry", () -> "1ms");
    }

    @LocalServerPort
    int port;

    static String revenueEvent(String tenant, double amount) {
        return """
                {"event":"revenue_impact_event","distinct_id":"%1$s","properties":{"tenant_id":"%1$s",
                "event_category":"revenue_impact","event_type":"deliverability_issue","impact_amount":%2$s,
                "impact_type":"negative","customer_ltv":50000,"urgency_level":"high","action_required":"IP warmup",
                "affected_emails":15000,"bounce_rate":0.12,"spam_rate":0.03,"timeframe":"monthly",
                "mitigation_actions":["IP rotation"],"estimated_resolution_time":"24 hours",
                "tracking_date":"2026-11-30T10:30:00Z","priority_level":"critical"}}""".formatted(tenant, amount);
    }
}
