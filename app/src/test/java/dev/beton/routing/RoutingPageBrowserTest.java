package dev.beton.routing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.beton.contract.ContractValidator;
import dev.beton.crm.AttioClient;
import dev.beton.detection.DetectionProgress;
import dev.beton.detection.Detector;
import dev.beton.detection.Trigger;
import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Chromium;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import dev.beton.workspace.credentials.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Routing page in a real Chromium: plan with its diff, apply, the outcome, history, settings. */
@OnEmbeddedStore
class RoutingPageBrowserTest {

    static final String TOKEN = "attio_routing_page_0123456789abcdef0123456789abcdef0123456789";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.attio();

    static final AttioEmulator attio = AttioEmulator.builder()
            .workspace(new AttioWorkspace(UUID.randomUUID(), "Page CRM", "page-crm"))
            .token(AttioToken.full(TOKEN))
            .workspaceMember("rep@page-crm.com")
            .dealsEnabled(true)
            .observer(contract)
            .start();

    @DynamicPropertySource
    static void attioAndHandDrivenOutbox(DynamicPropertyRegistry registry) {
        registry.add("beton.attio.base-url", () -> attio.baseUrl().toString());
        registry.add("beton.routing.background", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Detector detector;

    @Autowired
    RoutingOutbox outbox;

    @Autowired
    AttioClient client;

    @Autowired
    dev.beton.crm.DealStatusLookup dealStatuses;

    @Test
    void planShowsTheDiffApplyingSendsTheDealAndTheOutcomeShows() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = workspaces.create("Routing page " + tag, Optional.of("routing-page-" + tag), admin);
        String account = "acme-" + tag + ".io";
        Instant day = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        new WarehouseFixtures(warehouse, workspace.id())
                .groupType(0, "company")
                .event(
                        "$pageview",
                        "ann",
                        0,
                        account,
                        day.minus(Duration.ofHours(5)),
                        "{\"$current_url\": \"https://x.io/pricing\"}")
                .event(
                        "$pageview",
                        "ann",
                        0,
                        account,
                        day.minus(Duration.ofHours(4)),
                        "{\"$current_url\": \"https://x.io/plans\"}")
                .event("checkout_started", "ann", 0, account, day.minus(Duration.ofHours(3)));
        client.create(Secret.of(TOKEN), "companies", Map.of("domains", List.of(account), "name", "Acme"));
        var http = new Http(port);
        var connected = http.postJson(
                "/api/v1/attio/validate?workspace=" + workspace.slug(),
                Http.adminBasic(),
                "{\"api_key\": \"" + TOKEN + "\"}");
        assertThat(connected.status()).isEqualTo(200);

        try (Chromium chromium = Chromium.launch()) {
            Page page =
                    chromium.loggedIn("http://localhost:" + port, TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
            page.navigate("http://localhost:" + port + "/routing?workspace=" + workspace.slug());
            page.locator("#unresolved").selectOption("skip");
            page.locator("[name=autoApply]").uncheck();
            page.locator("#save-settings").click();
            assertThat(page.locator("#notice")).hasText("Routing settings saved.");
            detector.detect(workspace.id(), day.plus(Duration.ofDays(1)), Trigger.MANUAL, DetectionProgress.NONE);

            page.locator("#plan-dry-run").click();
            assertThat(page.locator("#notice")).containsText("1 to create, 0 to update, 0 skipped (dry run");
            assertThat(page.locator("#plan-items tbody tr")).hasCount(1);
            assertThat(page.locator("#plan-items")).containsText("pql_score");
            assertThat(page.locator("#plan-items")).containsText("pql");
            accessible(page, "heading \"Routing to Attio\"");
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "routing-plan");

            page.locator("#apply").click();
            assertThat(page.locator("#notice")).containsText("is being applied");
            outbox.runDue();
            page.reload();
            assertThat(page.locator("#plan-items tbody tr").first()).containsText("done");
            assertThat(page.locator("#plan-items tbody tr").first()).containsText("created, with its note");
            assertThat(page.locator("#history tbody tr")).hasCount(1);
            assertThat(page.locator("#audit tbody tr").first()).containsText("ok");
            assertThat(page.locator("#outbox-chart svg")).hasCount(1);
            assertThat(page.locator("#beton-deals tbody tr")).hasCount(1);
            assertThat(page.locator("#beton-deals tbody tr").first()).containsText("Lead");
            assertThat(page.locator("#beton-deals tbody tr").first()).containsText("View in Attio");
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "routing-applied");

            // the hot queue shows the deal's stage as Beton last read it (issue 12)
            page.navigate("http://localhost:" + port + "/signals?workspace=" + workspace.slug());
            assertThat(page.locator("#hot-queue .deal-stage")).hasText("Lead");

            // the sync is a job run on the Jobs page (issue 20 §4)
            page.navigate("http://localhost:" + port + "/jobs?workspace=" + workspace.slug());
            assertThat(page.locator("#jobs")).containsText("attio-sync");

            page.navigate("http://localhost:" + port + "/accounts/" + account + "?workspace=" + workspace.slug());
            assertThat(page.locator("#view-in-attio"))
                    .hasAttribute("href", java.util.regex.Pattern.compile("^https://app\\.attio\\.com/.*/deal/.*"));
            assertThat(page.locator("#deal-stage")).hasText("Stage: Lead");
            page.locator("#follow-up-reason").selectOption("not a buyer");
            page.locator("#follow-up-note").fill("student project");
            page.locator("#mark-disqualified").click();
            assertThat(page.locator("#notice")).containsText("Marked disqualified (not a buyer)");
            assertThat(page.locator("#notice")).containsText("The deal in Attio got a note.");
            assertThat(page.locator("#parked")).isVisible();
            accessible(page, "heading \"" + account + "\"");
            Chromium.assertAccessible(page);
            Chromium.screenshot(page, "account-crm");

            // the account's sales play goes onto the same deal as a note (issue 17 §4)
            page.locator("#open-sales-play").click();
            page.locator("#attach-to-attio").click();
            assertThat(page.locator(".notice")).containsText("The sales play is a note on the Attio deal");
            String dealId =
                    dealStatuses.status(workspace.id(), account).orElseThrow().dealRecordId();
            org.assertj.core.api.Assertions.assertThat(client.noteTitles(Secret.of(TOKEN), "deals", dealId))
                    .anyMatch(title -> title.startsWith("Beton sales play"));
            Chromium.assertAccessible(page);

            page.navigate("http://localhost:" + port + "/signals?workspace=" + workspace.slug());
            assertThat(page.locator("#hot-queue tbody tr")).hasCount(1);
            assertThat(page.locator("#hot-queue")).containsText("No account is hot right now.");
        }
    }

    @Test
    void overridesComeFromAFileWholeOrNotAtAllAndCanBeRemoved() throws Exception {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = workspaces.create("Overrides " + tag, Optional.of("overrides-" + tag), admin);
        var connected = new Http(port)
                .postJson(
                        "/api/v1/attio/validate?workspace=" + workspace.slug(),
                        Http.adminBasic(),
                        "{\"api_key\": \"" + TOKEN + "\"}");
        assertThat(connected.status()).isEqualTo(200);
        java.nio.file.Path good = java.nio.file.Files.createTempFile("overrides", ".csv");
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("overrides-bad", ".csv");
        java.nio.file.Files.writeString(
                good,
                "account_key,attio_record_id\nacme.io,0b0b0b0b-1111-4222-8333-444455556666\n"
                        + "globex.io,1c1c1c1c-1111-4222-8333-444455556666\n");
        java.nio.file.Files.writeString(bad, "initech.io,1d1d1d1d-1111-4222-8333-444455556666\nhooli.io,not-a-uuid\n");
        try (Chromium chromium = Chromium.launch()) {
            Page page =
                    chromium.loggedIn("http://localhost:" + port, TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
            page.navigate("http://localhost:" + port + "/routing?workspace=" + workspace.slug());

            page.locator("#override-file").setInputFiles(bad);
            page.locator("#upload-overrides").click();
            assertThat(page.locator("#error"))
                    .containsText("1 row is wrong, so nothing was saved: row 2: 'not-a-uuid' is not an Attio company");
            assertThat(page.locator("#overrides")).containsText("None: companies are matched by domain.");

            page.locator("#override-file").setInputFiles(good);
            page.locator("#upload-overrides").click();
            assertThat(page.locator("#notice")).containsText("2 overrides saved from");
            assertThat(page.locator("#overrides tbody tr")).hasCount(2);
            accessible(page, "heading \"Routing to Attio\"");
            Chromium.assertAccessible(page);

            page.getByLabel("Remove the override of acme.io").click();
            assertThat(page.locator("#notice")).containsText("Override removed for acme.io");
            assertThat(page.locator("#overrides tbody tr")).hasCount(1);
            assertThat(page.locator("#overrides")).containsText("globex.io");
        }
        var file = new Http(port)
                .get("/api/v1/attio/company-overrides.csv?workspace=" + workspace.slug(), Http.adminBasic());
        org.assertj.core.api.Assertions.assertThat(file.body())
                .isEqualToIgnoringNewLines(
                        "account_key,attio_record_id\r\nglobex.io,1c1c1c1c-1111-4222-8333-444455556666");
    }

    /** Every form control has a label, the page has one h1, alerts are announced. */
    private static void accessible(Page page, String heading) {
        Object unlabeled = page.evaluate(
                "() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                        + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)");
        assertThat((List<?>) unlabeled).as("form controls without a label").isEmpty();
        assertThat(page.locator("h1")).hasCount(1);
        assertThat(page.locator("main").ariaSnapshot()).contains(heading);
    }
}
