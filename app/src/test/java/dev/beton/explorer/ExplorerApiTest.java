package dev.beton.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The explorer's API on a small world: tables, CSV, a person, the views, the preset, bad input. */
@OnEmbeddedStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Clock clock;

    Http http;
    Workspace workspace;

    @BeforeAll
    void world() {
        http = new Http(port);
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        workspace = workspaces.create(
                "Explorer API",
                Optional.of("explorer-api-" + UUID.randomUUID().toString().substring(0, 6)),
                admin);
        Instant now = clock.instant();
        new WarehouseFixtures(warehouse, workspace.id())
                .groupType(0, "company")
                .group(0, "acme.com", "{\"name\": \"Acme Inc\"}", now.minus(30, ChronoUnit.DAYS))
                .group(0, "globex.com", "{\"name\": \"=Globex\"}", now.minus(30, ChronoUnit.DAYS))
                .event("signed_up", "ann", 0, "acme.com", now.minus(3, ChronoUnit.DAYS))
                .event("report_created", "ann", 0, "acme.com", now.minus(2, ChronoUnit.DAYS))
                .event("report_created", "bob", 0, "acme.com", now.minus(1, ChronoUnit.HOURS))
                .event("=HYPERLINK(\"x\")", "cy", 0, "globex.com", now.minus(10, ChronoUnit.DAYS))
                // the CRM sync's version of acme: a $150K open deal and firmographics from Attio
                .event("$groupidentify", "acme.com", 0, null, now.minus(5, ChronoUnit.DAYS), """
                        {"$lib": "beton-cdp", "$group_type": "company", "$group_key": "acme.com",
                         "$group_set": {"attio_record_id": "r1", "attio_name": "Acme", "attio_open_deal_value": 150000,
                           "attio_won_deal_value": 0, "attio_industry": ["Software"], "attio_employee_range": "51-200",
                           "attio_arr": 2000000, "attio_location": "Berlin, DE", "attio_owner": "member-1"}}
                        """);
    }

    @Test
    void accountsAreSortedFilteredAndCarryAttioFirmographics() {
        JsonNode page =
                get("/api/v1/explorer/accounts?sort=events&order=desc&size=1").json();
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("pages").asInt()).isEqualTo(2);
        JsonNode acme = page.get("items").get(0);
        assertThat(acme.get("key").asString()).isEqualTo("acme.com");
        assertThat(acme.get("events").asLong()).isEqualTo(3);
        assertThat(acme.at("/enrichment/source").asString()).isEqualTo("ATTIO");
        assertThat(acme.at("/enrichment/industry").asString()).isEqualTo("Software");
        assertThat(acme.at("/enrichment/arrUsd").asLong()).isEqualTo(2_000_000);

        JsonNode filtered = get("/api/v1/explorer/accounts?q=globex").json();
        assertThat(filtered.get("total").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/explorer/accounts?industry=software")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void simulatedEnrichmentFillsOnlyWhatAttioDoesNotAndSaysSo() {
        assertThat(http.postJson("/api/v1/enrichment/simulated?workspace=" + workspace.slug(), Http.adminBasic(), "")
                        .json()
                        .get("accounts")
                        .asInt())
                .isEqualTo(2);
        JsonNode all = get("/api/v1/enrichment").json();
        assertThat(all).hasSize(2);
        assertThat(get("/api/v1/explorer/accounts?q=acme")
                        .json()
                        .at("/items/0/enrichment/source")
                        .asString())
                .isEqualTo("ATTIO");
        assertThat(get("/api/v1/explorer/accounts?q=globex")
                        .json()
                        .at("/items/0/enrichment/source")
                        .asString())
                .isEqualTo("SIMULATED");
        assertThat(http.delete("/api/v1/enrichment/simulated?workspace=" + workspace.slug(), Http.adminBasic())
                        .status())
                .isEqualTo(204);
        assertThat(get("/api/v1/enrichment").json()).hasSize(1);
    }

    @Test
    void usersListTheirAccountAndActivity() {
        JsonNode page = get("/api/v1/explorer/users?sort=events&order=desc").json();
        assertThat(page.get("total").asInt()).isEqualTo(3);
        JsonNode ann = page.get("items").get(0);
        assertThat(ann.get("distinctId").asString()).isEqualTo("ann");
        assertThat(ann.get("account").asString()).isEqualTo("acme.com");
        assertThat(ann.get("activeDays").asLong()).isEqualTo(2);
        assertThat(get("/api/v1/explorer/users?account=globex.com")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void csvExportsNeutraliseFormulasFromEventData() {
        Http.Response accounts = get("/api/v1/explorer/accounts.csv?sort=name&order=asc");
        assertThat(accounts.header("Content-Type")).startsWith("text/csv");
        assertThat(accounts.body()).startsWith("account_key,name,score").contains("'=Globex");
        Http.Response events = get("/api/v1/explorer/events.csv?account=globex.com");
        assertThat(events.body()).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
        assertThat(get("/api/v1/explorer/users.csv").body().lines()).hasSize(4);
    }

    @Test
    void eventsArePagedNewestFirstAndFiltered() {
        JsonNode first = get("/api/v1/explorer/events?limit=2").json();
        assertThat(first.get("results")).hasSize(2);
        assertThat(first.get("next").isNull()).isFalse();
        JsonNode ann = get("/api/v1/explorer/events?distinct_id=ann").json();
        assertThat(ann.get("results")).hasSize(2);
    }

    @Test
    void aPersonShowsTheirAccountsAndEvents() {
        JsonNode ann = get("/api/v1/explorer/people/ann").json();
        assertThat(ann.at("/accounts/0/accountKey").asString()).isEqualTo("acme.com");
        assertThat(ann.get("latestEvents")).hasSize(2);
        assertThat(get("/api/v1/explorer/people/nobody").status()).isEqualTo(404);
    }

    @Test
    void viewsCountThePeriodWithoutTheCrmSyncsBookkeeping() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        JsonNode views = get("/api/v1/explorer/views?from=" + today.minusDays(6) + "&to=" + today)
                .json();
        assertThat(views.get("volume")).as(views.toString()).hasSize(7);
        assertThat(views.get("total").asLong()).isEqualTo(3);
        assertThat(views.at("/topEvents/0/name").asString()).isEqualTo("report_created");
        assertThat(views.at("/topUsers/0/name").asString()).isEqualTo("ann");
        assertThat(views.at("/topAccounts/0/name").asString()).isEqualTo("acme.com");
    }

    @Test
    void thePresetAnswersAdoptionAmongBigDeals() {
        JsonNode answer = get("/api/v1/explorer/presets/big-deal-adoption").json();
        assertThat(answer.get("companies").asInt()).isEqualTo(1);
        assertThat(answer.at("/rows/0/feature").asString()).isEqualTo("report_created");
        assertThat(answer.at("/rows/0/share").asDouble()).isEqualTo(1.0);
    }

    @Test
    void badInputIsAProblemDetail() {
        for (String path : new String[] {
            "/api/v1/explorer/accounts?sort=nope",
            "/api/v1/explorer/accounts?order=sideways",
            "/api/v1/explorer/users?size=0",
            "/api/v1/explorer/views?from=2026-13-01",
            "/api/v1/explorer/views?from=2026-12-01&to=2026-11-01",
            "/api/v1/explorer/presets/big-deal-adoption?days=0",
            "/api/v1/explorer/events?cursor=garbage"
        }) {
            Http.Response response = get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
    }

    private Http.Response get(String path) {
        String sep = path.contains("?") ? "&" : "?";
        return http.get(path + sep + "workspace=" + workspace.slug(), Http.adminBasic());
    }
}
