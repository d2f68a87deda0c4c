package dev.beton.emulator.attio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AttioAttributesTest {

    private static final String DEAL_ATTRIBUTES = "/v2/objects/deals/attributes";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.attio();

    private AttioEmulator attio;
    private TestHttp http;

    @BeforeEach
    void start() {
        attio = AttioEmulator.builder()
                .clock(MutableClock.at("2026-01-05T12:00:00Z"))
                .token(AttioToken.full("admin"))
                .token(AttioToken.active("reader", "object_configuration:read"))
                .dealsEnabled(true)
                .observer(contract)
                .start();
        http = TestHttp.to(attio.baseUrl()).bearer("admin");
    }

    @AfterEach
    void stop() {
        attio.close();
    }

    @Test
    void ensuringAUniqueKeyOnDealsIsIdempotentThrough409() {
        TestHttp.Reply created = http.post(DEAL_ATTRIBUTES, attribute("beton_key", "text", true));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().path("data").path("is_unique").asBoolean()).isTrue();
        assertThat(created.json().path("data").path("is_system_attribute").asBoolean())
                .isFalse();

        TestHttp.Reply again = http.post(DEAL_ATTRIBUTES, attribute("beton_key", "text", true));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("slug_conflict");

        String deal = """
                {"data":{"values":{"beton_key":["company:1"],"name":["Acme: PQL"],"stage":["Lead"],"owner":["owner@example.com"]}}}""";
        assertThat(http.put("/v2/objects/deals/records?matching_attribute=beton_key", deal)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void documentedRefusals() {
        assertThat(code(http.post(DEAL_ATTRIBUTES, attribute("phase", "status", false))))
                .isEqualTo("validation_type");
        assertThat(code(http.post("/v2/objects/companies/attributes", attribute("key", "text", true))))
                .isEqualTo("validation_type");
        assertThat(code(http.post(DEAL_ATTRIBUTES, attribute("source", "select", true))))
                .isEqualTo("validation_type");
        assertThat(http.bearer("reader")
                        .post(DEAL_ATTRIBUTES, attribute("x", "text", false))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void selectOptionsAreCreatedOnceAndNeverByAWrite() {
        http.post(DEAL_ATTRIBUTES, attribute("lead_source", "select", false));
        String options = DEAL_ATTRIBUTES + "/lead_source/options";

        assertThat(http.post(options, "{\"data\":{\"title\":\"Beton\"}}").status())
                .isEqualTo(200);
        assertThat(code(http.post(options, "{\"data\":{\"title\":\"Beton\"}}"))).isEqualTo("slug_conflict");
        JsonNode listed = http.get(options).json().path("data");
        assertThat(listed.values()).extracting(o -> o.path("title").asString()).containsExactly("Beton");

        String deal = """
                {"data":{"values":{"name":["x"],"stage":["Lead"],"owner":["owner@example.com"],"lead_source":["%s"]}}}""";
        assertThat(http.post("/v2/objects/deals/records", deal.formatted("Beton"))
                        .status())
                .isEqualTo(200);
        assertThat(code(http.post("/v2/objects/deals/records", deal.formatted("Partner"))))
                .isEqualTo("value_not_found");
    }

    private static String code(TestHttp.Reply reply) {
        assertThat(reply.status()).isBetween(400, 499);
        return reply.json().path("code").asString();
    }

    private static String attribute(String slug, String type, boolean unique) {
        return """
                {"data":{"title":"%s","description":"Beton","api_slug":"%s","type":"%s","is_required":false,
                 "is_unique":%s,"is_multiselect":false,"config":{}}}""".formatted(slug, slug, type, unique);
    }
}
