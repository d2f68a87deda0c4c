package dev.beton.detection;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.web.Formats;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Signals, Account, Runs and Signal settings pages in a real Chromium. */
@OnEmbeddedStore
class SignalPagesBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Detector detector;

    Workspace workspace;
    Instant yesterday;

    @BeforeEach
    void aWorkspaceWithAHotAccountDetectedTwice() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        workspace = workspaces.create("Signal pages " + UUID.randomUUID(), Optional.empty(), admin);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        yesterday = now.minus(Duration.ofDays(1));
        new WarehouseFixtures(warehouse, workspace.id())
                .groupType(0, "company")
                .event(
                        "$pageview",
                        "ann",
                        0,
                        "acme.io",
                        yesterday.minus(Duration.ofHours(5)),
                        "{\"$current_url\": \"https://x.io/pricing\"}")
                .event(
                        "$pageview",
                        "ann",
                        0,
                        "acme.io",
                        yesterday.minus(Duration.ofHours(4)),
                        "{\"$current_url\": \"https://x.io/plans\"}")
                .event("checkout_started", "ann", 0, "acme.io", yesterday.minus(Duration.ofHours(3)))
                .event(
                        "$pageview",
                        "zoe",
                        0,
                        "quiet.io",
                        yesterday.minus(Duration.ofHours(3)),
                        "{\"$current_url\": \"https://x.io/docs\"}");
        detector.detect(workspace.id(), yesterday, Trigger.MANUAL, DetectionProgress.NONE);
        detector.detect(workspace.id(), now, Trigger.MANUAL, DetectionProgress.NONE);
    }

    @Test
    void signalsPageShowsTheWeekAndTheHotQueueLinkingToTheAccount() {
        try (Chromium chromium = Chromium.launch()) {
            Page page = loggedIn(chromium);
            page.navigate(base() + "/signals?workspace=" + workspace.slug());
            assertThat(page.locator("#week-count")).hasText("2");
            assertThat(page.locator("#type-chart svg")).hasCount(1);
            assertThat(page.locator("#trend-chart svg")).hasCount(1);
            assertThat(page.locator("#hot-queue tbody tr")).hasCount(1);
            assertThat(page.locator("#hot-queue tbody tr").first()).containsText("80");
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "signals");

            page.locator("#hot-queue a", new Page.LocatorOptions().setHasText("acme.io"))
                    .click();
            assertThat(page.locator("h1")).hasText("acme.io");
        }
    }

    @Test
    void accountPageShowsScoreReceiptHistorySuppressedSignalsAndUsage() {
        try (Chromium chromium = Chromium.launch()) {
            Page page = loggedIn(chromium);
            page.navigate(base() + "/accounts/acme.io?workspace=" + workspace.slug());
            assertThat(page.locator("#score")).hasText("80");
            assertThat(page.locator("#receipt")).containsText("billing_intent +40 (suppressed)");
            assertThat(page.locator("#receipt")).containsText("diversity 2 types");
            assertThat(page.locator("#history tbody tr")).hasCount(4);
            assertThat(page.locator("#history")).containsText("2 pricing visits");
            assertThat(page.locator("#suppressed tbody tr")).hasCount(2);
            assertThat(page.locator("#usage-chart svg")).hasCount(1);
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "account");
        }
    }

    @Test
    void runsPageListsRunsAndRunsNow() {
        try (Chromium chromium = Chromium.launch()) {
            Page page = loggedIn(chromium);
            page.navigate(base() + "/signals/runs?workspace=" + workspace.slug());
            assertThat(page.locator("#runs tbody tr")).hasCount(2);
            assertThat(page.locator("#runs tbody tr").first()).containsText("succeeded");

            page.locator("#run-now").click();
            assertThat(page.locator("#finished")).containsText("succeeded");
            assertThat(page.locator("#runs tbody tr")).hasCount(3);
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "signal-runs");
        }
    }

    @Test
    void settingsPageShowsTheErrorNextToTheFieldAndSavesValidSettings() {
        try (Chromium chromium = Chromium.launch()) {
            Page page = loggedIn(chromium);
            page.navigate(base() + "/settings/signals?workspace=" + workspace.slug());
            page.locator("#routingThreshold").fill("160");
            page.locator("[id='signals.pricing_intent.threshold']").fill("many");
            page.locator("#save").click();
            assertThat(page.locator("#form-errors")).isVisible();
            assertThat(page.locator(".field-error")).hasCount(1); // parse errors come first, then range checks
            assertThat(page.locator("[id='signals.pricing_intent.threshold']")).hasValue("many");

            page.locator("[id='signals.pricing_intent.threshold']").fill("4");
            page.locator("#save").click();
            assertThat(page.locator(".field-error")).containsText("between");
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "signal-settings-errors");

            page.locator("#routingThreshold").fill("65");
            page.locator("#save").click();
            assertThat(page.locator("#saved")).isVisible();
            assertThat(page.locator("[id='signals.pricing_intent.threshold']")).hasValue("4");
        }
    }

    @Test
    void signalsPageShowsSharesHealthAndKeepsTheNewestDetectionAfterABackDatedRun() {
        DetectionRun backDated = detector.detect(
                        workspace.id(), yesterday.minus(Duration.ofDays(3)), Trigger.MANUAL, DetectionProgress.NONE)
                .run();
        try (Chromium chromium = Chromium.launch()) {
            Page page = loggedIn(chromium);
            page.navigate(base() + "/signals?workspace=" + workspace.slug());
            assertThat(page.locator("#type-table")).containsText("50 %");
            assertThat(page.locator("#signal-health tr[data-type='support_engagement']"))
                    .containsText("No events named intercom_conversation_started");
            assertThat(page.locator("#signal-health tr[data-type='pricing_intent']"))
                    .containsText("data present");
            // the back-dated run started last, but "Last detection" stays the newest as-of
            assertThat(page.locator("p.muted").first()).not().containsText(new Formats().instant(backDated.asOf()));
            assertThat(page.locator("#hot-queue tbody tr")).hasCount(1);

            page.navigate(base() + "/signals/runs/" + backDated.id() + "?workspace=" + workspace.slug());
            assertThat(page.locator("h1")).hasText("Detection run " + backDated.id());
            assertThat(page.locator("#back-dated")).isVisible();
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "signal-run");
        }
    }

    @Test
    void runPageListsWhatTheRunFound() {
        DetectionRun last = detector.detect(workspace.id(), Instant.now(), Trigger.MANUAL, DetectionProgress.NONE)
                .run();
        try (Chromium chromium = Chromium.launch()) {
            Page page = loggedIn(chromium);
            page.navigate(base() + "/signals/runs/" + last.id() + "?workspace=" + workspace.slug());
            assertThat(page.locator("#run-signals")).containsText("acme.io");
            assertThat(page.locator("#run-signals")).containsText("pricing_intent");
            assertThat(page.locator("#back-dated")).hasCount(0);
        }
    }

    @Test
    void eventMappingIsEditableWithASevenDayPreview() {
        try (Chromium chromium = Chromium.launch()) {
            Page page = loggedIn(chromium);
            page.navigate(base() + "/settings/signals?workspace=" + workspace.slug());
            assertThat(page.locator("#mapping-preview")).containsText("pricing: %/pricing%");
            page.locator("#map-supportEvents").fill("support_message_sent\nchat_started");
            page.locator("#map-planUsageProperty").fill("usage;drop");
            page.locator("#save-mapping").click();
            assertThat(page.locator("#mapping-form .field-error")).containsText("is not a property name");
            assertThat(page.locator("#map-planUsageProperty")).hasValue("usage;drop");

            page.locator("#map-planUsageProperty").fill("usage");
            page.locator("#save-mapping").click();
            assertThat(page.locator("#mapping-saved")).isVisible();
            assertThat(page.locator("#mapping-preview")).containsText("support: chat_started");
            assertThat(page.locator("#signal-health tr[data-type='support_engagement']"))
                    .containsText("No events named support_message_sent, chat_started");
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "signal-settings-mapping");
        }
    }

    private Page loggedIn(Chromium chromium) {
        return chromium.loggedIn(base(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
