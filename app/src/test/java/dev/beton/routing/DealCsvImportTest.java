package dev.beton.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.backtest.CrmMirror;
import dev.beton.backtest.Deal;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Historical deals from a CSV file into the CRM mirror the backtests read. */
@OnEmbeddedStore
class DealCsvImportTest {

    @Autowired
    DealCsvImport deals;

    @Autowired
    CrmMirror mirror;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @LocalServerPort
    int port;

    Workspace workspace;

    @BeforeEach
    void aWorkspaceWithAnAccountWhoseDomainIsAProperty() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        workspace = workspaces.create("Deals " + tag, Optional.of("deals-" + tag), admin);
        new WarehouseFixtures(warehouse, workspace.id())
                .groupType(0, "company")
                .group(
                        0,
                        "org_42",
                        "{\"name\": \"Acme\", \"domain\": \"acme.io\"}",
                        Instant.parse("2026-01-01T00:00:00Z"));
    }

    DealCsvImport.Summary load(String csv, List<String> rejected) throws Exception {
        return deals.importCsv(
                workspace.id(),
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                new DealCsvImport.Listener() {
                    @Override
                    public void rejected(long line, String reason) {
                        rejected.add(line + ": " + reason);
                    }
                });
    }

    @Test
    void goodLinesAreMirroredAndBadOnesReportedByLineNumber() throws Exception {
        List<String> rejected = new ArrayList<>();
        DealCsvImport.Summary summary = load("""
                Domain,Amount,Stage,Outcome,Created,Closed,Lead Source
                https://www.Acme.io/pricing,"$12,000.50",Closed Won,won,2026-01-05,2026-02-10T12:00:00Z,PQL
                beta.io,5000,Closed Lost,lost,2026-01-07,,inbound

                gamma.io,800,Discovery,,2026-03-01,,outbound
                delta.io,lots,Discovery,,2026-03-01,,outbound
                epsilon.io,10,Won,won,2026-03-01,2026-02-01,partner
                zeta.io,10,Won,maybe,2026-03-01,2026-04-01,partner
                ,10,Won,won,2026-03-01,2026-04-01,partner
                eta.io,10,Open,,03/01/2026,,partner
                """, rejected);

        assertThat(summary.read()).isEqualTo(8);
        assertThat(summary.stored()).isEqualTo(2);
        assertThat(rejected)
                .containsExactly(
                        "3: a lost deal needs its closed date",
                        "6: amount 'lots' is not a number",
                        "7: closed 2026-02-01 is before created",
                        "8: outcome 'maybe' is not won, lost or open",
                        "9: no domain (and no account)",
                        "10: created '03/01/2026' is not a date (2026-03-01) or a date and time (2026-03-01T10:00:00Z)");
        assertThat(summary.errors()).first().isEqualTo("line 3: a lost deal needs its closed date");
        Map<String, Deal> byAccount =
                mirror.deals(workspace.id()).stream().collect(Collectors.toMap(Deal::accountKey, Function.identity()));
        Deal won = byAccount.get("org_42");
        assertThat(won.leadSource()).isEqualTo("pql");
        assertThat(won.stage()).isEqualTo("won");
        assertThat(won.amount()).isEqualByComparingTo(new BigDecimal("12000.50"));
        assertThat(won.createdAt()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(won.closedAt()).hasValue(Instant.parse("2026-02-10T12:00:00Z"));
        Deal open = byAccount.get("gamma.io");
        assertThat(open.stage()).isEqualTo("open");
        assertThat(open.closedAt()).isEmpty();
        assertThat(crmStage(won.dealId())).isEqualTo("Closed Won");
    }

    @Test
    void importingAFileAgainReplacesItsDeals() throws Exception {
        String csv = """
                deal_id,domain,amount,outcome,created,closed
                D-1,acme.io,100,won,2026-01-05,2026-01-20
                ,beta.io,200,,2026-01-06,
                """;
        load(csv, new ArrayList<>());
        load(csv.replace("100", "150"), new ArrayList<>());

        assertThat(mirror.deals(workspace.id())).hasSize(2);
        assertThat(mirror.deals(workspace.id()).stream().map(Deal::dealId)).contains("csv:D-1");
        assertThat(mirror.deals(workspace.id()).stream()
                        .filter(d -> d.dealId().equals("csv:D-1"))
                        .findFirst()
                        .orElseThrow()
                        .amount())
                .isEqualByComparingTo("150");
    }

    @Test
    void aFileWithoutTheNeededColumnsIsRefusedWithASentence() {
        assertThatThrownBy(() -> load("amount,outcome\n1,won\n", new ArrayList<>()))
                .hasMessageContaining("needs a 'domain' (or 'account') column");
    }

    @Test
    void theApiTakesTheFileAsTheBody() {
        Http http = new Http(port);
        var answer = http.send(HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + "/api/v1/crm/deals/import?workspace=" + workspace.slug()))
                .header("Authorization", Http.adminBasic())
                .header("Content-Type", "text/csv")
                .POST(
                        HttpRequest.BodyPublishers.ofString(
                                "domain,amount,outcome,created,closed\nacme.io,100,won,2026-01-05,2026-01-20\nx.io,1,won,2026-01-05,\n"))
                .build());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("stored").asInt()).isEqualTo(1);
        assertThat(answer.json().get("errors").get(0).asString()).isEqualTo("line 3: a won deal needs its closed date");
        var refused = http.send(HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + "/api/v1/crm/deals/import?workspace=" + workspace.slug()))
                .header("Authorization", Http.adminBasic())
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("nothing\n"))
                .build());
        assertThat(refused.status()).isEqualTo(400);
    }

    private String crmStage(String dealId) {
        return warehouse.read(workspace.id(), c -> {
            try (var statement = c.prepareStatement("SELECT crm_stage FROM crm_deal_details WHERE deal_id = ?")) {
                statement.setString(1, dealId);
                try (var rows = statement.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
    }
}
