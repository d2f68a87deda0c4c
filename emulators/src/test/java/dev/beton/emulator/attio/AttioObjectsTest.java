package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioFixture.FULL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AttioObjectsTest {

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.attio();

    private final MutableClock clock = MutableClock.at("2026-01-05T12:00:00Z");
    private AttioEmulator attio;
    private TestHttp http;

    @BeforeEach
    void start() {
        attio = AttioFixture.builder(clock, contract).start();
        http = TestHttp.to(attio.baseUrl()).bearer(FULL);
    }

    @AfterEach
    void stop() {
        attio.close();
    }

    @Test
    void objectsIncludeDealsOnlyWhenEnabled() {
        assertThat(slugs(http.get("/v2/objects").json()))
                .containsExactly("people", "companies", "deals", "users", "workspaces");

        try (AttioEmulator plain = AttioEmulator.builder()
                .clock(clock)
                .token(AttioToken.full("t"))
                .observer(contract)
                .start()) {
            TestHttp other = TestHttp.to(plain.baseUrl()).bearer("t");
            assertThat(slugs(other.get("/v2/objects").json())).doesNotContain("deals");
            TestHttp.Reply deals = other.get("/v2/objects/deals");
            assertThat(deals.status()).isEqualTo(404);
            assertThat(deals.json().path("message").asString()).isEqualTo("Object with slug/ID \"deals\" not found.");
        }
    }

    @Test
    void objectIsFoundBySlugOrId() {
        JsonNode bySlug = http.get("/v2/objects/companies").json().path("data");
        String id = bySlug.path("id").path("object_id").asString();

        JsonNode byId = http.get("/v2/objects/" + id).json().path("data");

        assertThat(byId.path("api_slug").asString()).isEqualTo("companies");
        assertThat(bySlug.path("singular_noun").asString()).isEqualTo("Company");
    }

    @Test
    void attributesDescribeTypesAndUniqueness() {
        JsonNode attributes =
                http.get("/v2/objects/companies/attributes").json().path("data");

        JsonNode domains = find(attributes, "domains");
        assertThat(domains.path("type").asString()).isEqualTo("domain");
        assertThat(domains.path("is_unique").asBoolean()).isTrue();
        assertThat(domains.path("is_multiselect").asBoolean()).isTrue();
        assertThat(find(attributes, "created_at").path("is_writable").asBoolean())
                .isFalse();

        JsonNode deals = http.get("/v2/objects/deals/attributes").json().path("data");
        assertThat(find(deals, "stage").path("is_required").asBoolean()).isTrue();
        assertThat(find(deals, "beton_key").path("is_unique").asBoolean()).isTrue();
        assertThat(find(deals, "beton_key").path("is_system_attribute").asBoolean())
                .isFalse();
    }

    @Test
    void attributesPaginateWithLimitAndOffset() {
        JsonNode all = http.get("/v2/objects/deals/attributes").json().path("data");
        JsonNode page =
                http.get("/v2/objects/deals/attributes?limit=2&offset=1").json().path("data");

        assertThat(page.size()).isEqualTo(2);
        assertThat(page.get(0).path("api_slug").asString())
                .isEqualTo(all.get(1).path("api_slug").asString());
    }

    @Test
    void dealStagesAreTheFourDefaults() {
        JsonNode statuses =
                http.get("/v2/objects/deals/attributes/stage/statuses").json().path("data");

        assertThat(statuses.values())
                .extracting(s -> s.path("title").asString())
                .containsExactly("Lead", "In Progress", "Won 🎉", "Lost");
        assertThat(statuses.get(2).path("celebration_enabled").asBoolean()).isTrue();
    }

    private static java.util.List<String> slugs(JsonNode body) {
        return body.path("data").values().stream()
                .map(o -> o.path("api_slug").asString())
                .toList();
    }

    private static JsonNode find(JsonNode attributes, String slug) {
        return attributes.values().stream()
                .filter(a -> a.path("api_slug").asString().equals(slug))
                .findFirst()
                .orElseThrow();
    }
}
