package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioFixture.FULL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AttioRelationshipsTest {

    private static final String COMPANIES = "/v2/objects/companies/records";
    private static final String DEALS = "/v2/objects/deals/records";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.attio();

    private AttioEmulator attio;
    private TestHttp http;

    @BeforeEach
    void start() {
        attio = AttioFixture.builder(MutableClock.at("2026-01-05T12:00:00Z"), contract)
                .start();
        http = TestHttp.to(attio.baseUrl()).bearer(FULL);
    }

    @AfterEach
    void stop() {
        attio.close();
    }

    @Test
    void dealOnACompanyIsListedOnTheCompany() {
        String acme = company("acme.com");
        String deal = deal(acme);

        assertThat(targets(COMPANIES, acme, "associated_deals")).containsExactly(deal);
    }

    @Test
    void movingADealLeavesTheOldCompany() {
        String acme = company("acme.com");
        String globex = company("globex.com");
        String deal = deal(acme);

        http.patch(DEALS + "/" + deal, "{\"data\":{\"values\":{\"associated_company\":[\"globex.com\"]}}}");

        assertThat(targets(COMPANIES, acme, "associated_deals")).isEmpty();
        assertThat(targets(COMPANIES, globex, "associated_deals")).containsExactly(deal);
    }

    @Test
    void claimingADealFromTheCompanySideMovesItToo() {
        String acme = company("acme.com");
        String globex = company("globex.com");
        String deal = deal(acme);

        http.patch(COMPANIES + "/" + globex, """
                {"data":{"values":{"associated_deals":[{"target_object":"deals","target_record_id":"%s"}]}}}""".formatted(deal));

        assertThat(targets(DEALS, deal, "associated_company")).containsExactly(globex);
        assertThat(targets(COMPANIES, acme, "associated_deals")).isEmpty();
    }

    @Test
    void deletedDealLeavesItsCompany() {
        String acme = company("acme.com");
        String deal = deal(acme);

        http.delete(DEALS + "/" + deal);

        assertThat(targets(COMPANIES, acme, "associated_deals")).isEmpty();
    }

    @Test
    void relatedAttributesNameEachOther() {
        JsonNode deals = http.get("/v2/objects/deals/attributes").json().path("data");
        JsonNode companies = http.get("/v2/objects/companies/attributes").json().path("data");

        String inverseOfCompany = find(deals, "associated_company")
                .path("relationship")
                .path("id")
                .path("attribute_id")
                .asString();

        assertThat(inverseOfCompany)
                .isEqualTo(find(companies, "associated_deals")
                        .path("id")
                        .path("attribute_id")
                        .asString());
        assertThat(find(companies, "name").path("relationship").isNull()).isTrue();
    }

    private String company(String domain) {
        return http.post(COMPANIES, "{\"data\":{\"values\":{\"domains\":[\"" + domain + "\"]}}}")
                .json()
                .path("data")
                .path("id")
                .path("record_id")
                .asString();
    }

    private String deal(String companyId) {
        TestHttp.Reply reply = http.post(DEALS, """
                {"data":{"values":{"name":["d"],"stage":["Lead"],"owner":["rep@acme.test"],
                 "associated_company":[{"target_object":"companies","target_record_id":"%s"}]}}}""".formatted(companyId));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("data").path("id").path("record_id").asString();
    }

    private List<String> targets(String records, String id, String attribute) {
        return http.get(records + "/" + id).json().path("data").path("values").path(attribute).values().stream()
                .map(v -> v.path("target_record_id").asString())
                .toList();
    }

    private static JsonNode find(JsonNode attributes, String slug) {
        return attributes.values().stream()
                .filter(a -> a.path("api_slug").asString().equals(slug))
                .findFirst()
                .orElseThrow();
    }
}
