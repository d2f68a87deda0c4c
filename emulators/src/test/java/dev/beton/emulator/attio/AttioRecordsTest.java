package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioFixture.FULL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AttioRecordsTest {

    private static final String COMPANIES = "/v2/objects/companies/records";
    private static final String PEOPLE = "/v2/objects/people/records";
    private static final String DEALS = "/v2/objects/deals/records";

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
    void createdCompanyReadsBackInAttiosValueShape() {
        JsonNode record = company("Acme", "https://www.App.Acme.com/pricing");

        assertThat(record.path("id").path("record_id").asString()).hasSize(36);
        assertThat(record.path("web_url").asString()).startsWith("https://app.attio.com/acme-sales/company/");
        JsonNode domain = record.path("values").path("domains").get(0);
        assertThat(domain.path("domain").asString()).isEqualTo("app.acme.com");
        assertThat(domain.path("root_domain").asString()).isEqualTo("acme.com");
        assertThat(domain.path("attribute_type").asString()).isEqualTo("domain");
        assertThat(domain.path("active_from").asString()).isEqualTo("2026-01-05T12:00:00.000000000Z");
        assertThat(domain.path("active_until").isNull()).isTrue();
        assertThat(domain.path("created_by_actor").path("type").asString()).isEqualTo("api-token");
        JsonNode name = record.path("values").path("name").get(0);
        assertThat(name.path("value").asString()).isEqualTo("Acme");
        assertThat(name.path("attribute_type").asString()).isEqualTo("text");
        assertThat(record.path("values").path("description").isArray()).isTrue();
        assertThat(record.path("values").path("description").size()).isZero();
    }

    @Test
    void personValuesAreNormalised() {
        JsonNode person = create(PEOPLE, """
                {"name":[{"first_name":"Ada","last_name":"Lovelace","full_name":"Ada Lovelace"}],
                 "email_addresses":["Ada@Example.CO.UK"]}""");

        JsonNode email = person.path("values").path("email_addresses").get(0);
        assertThat(email.path("original_email_address").asString()).isEqualTo("Ada@Example.CO.UK");
        assertThat(email.path("email_address").asString()).isEqualTo("ada@example.co.uk");
        assertThat(email.path("email_domain").asString()).isEqualTo("example.co.uk");
        assertThat(email.path("email_root_domain").asString()).isEqualTo("example.co.uk");
        assertThat(email.path("email_local_specifier").asString()).isEqualTo("ada");
        assertThat(person.path("values").path("name").get(0).path("full_name").asString())
                .isEqualTo("Ada Lovelace");
    }

    @Test
    void queryFindsCompanyByDomainInVerboseAndShorthandForms() {
        company("Acme", "acme.com");
        company("Globex", "globex.com");

        assertThat(names(
                        query(COMPANIES, "{\"filter\":{\"domains\":{\"domain\":{\"$eq\":\"acme.com\"}}},\"limit\":1}")))
                .containsExactly("Acme");
        assertThat(names(query(COMPANIES, "{\"filter\":{\"domains\":{\"root_domain\":\"globex.com\"}}}")))
                .containsExactly("Globex");
        assertThat(names(query(COMPANIES, "{\"filter\":{\"name\":\"Acme\"}}"))).containsExactly("Acme");
        assertThat(names(query(COMPANIES, "{\"filter\":{\"name\":{\"$contains\":\"GLO\"}}}")))
                .containsExactly("Globex");
        assertThat(names(query(COMPANIES, "{\"filter\":{\"$or\":[{\"name\":\"Acme\"},{\"name\":\"Globex\"}]}}")))
                .containsExactly("Acme", "Globex");
        assertThat(names(query(COMPANIES, "{\"filter\":{\"$not\":{\"name\":\"Acme\"}}}")))
                .containsExactly("Globex");
    }

    @Test
    void queryPaginatesWithLimitAndOffsetInCreationOrderAndSorts() {
        for (String name : List.of("C", "A", "B")) {
            company(name, name.toLowerCase() + ".com");
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(names(query(COMPANIES, "{\"limit\":2,\"offset\":0}"))).containsExactly("C", "A");
        assertThat(names(query(COMPANIES, "{\"limit\":2,\"offset\":2}"))).containsExactly("B");
        assertThat(names(query(COMPANIES, "{\"sorts\":[{\"attribute\":\"name\",\"direction\":\"asc\"}]}")))
                .containsExactly("A", "B", "C");
        assertThat(names(query(
                        COMPANIES, "{\"sorts\":[{\"attribute\":\"created_at\",\"direction\":\"desc\"}],\"limit\":1}")))
                .containsExactly("B");
    }

    @Test
    void aPagedQueryAnswersFromTheCurrentRecordsAfterEveryChange() {
        String sorted = "\"sorts\":[{\"attribute\":\"name\",\"direction\":\"asc\"}]";
        company("B", "b.com");
        String d = company("D", "d.com").path("id").path("record_id").asString();
        assertThat(names(query(COMPANIES, "{" + sorted + ",\"limit\":1,\"offset\":0}")))
                .containsExactly("B");

        company("A", "a.com");
        assertThat(names(query(COMPANIES, "{" + sorted + ",\"limit\":1,\"offset\":0}")))
                .as("a record created between two pages")
                .containsExactly("A");
        TestHttp.Reply renamed = http.patch(COMPANIES + "/" + d, "{\"data\":{\"values\":{\"name\":[\"0 D\"]}}}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(names(query(COMPANIES, "{" + sorted + "}")))
                .as("a sort value changed")
                .containsExactly("0 D", "A", "B");
        assertThat(http.delete(COMPANIES + "/" + d).status()).isEqualTo(200);
        assertThat(names(query(COMPANIES, "{" + sorted + ",\"offset\":1}"))).containsExactly("B");
        assertThat(names(query(COMPANIES, "{" + sorted + ",\"offset\":5}"))).isEmpty();
    }

    @Test
    void anAnswerTimeDelaysEveryAnswerWhileRequestsInFlightWaitTogether() throws Exception {
        Duration answerTime = Duration.ofMillis(500);
        try (AttioEmulator slow =
                AttioFixture.builder(clock, contract).answerTime(answerTime).start()) {
            TestHttp remote = TestHttp.to(slow.baseUrl()).bearer(FULL);
            long start = System.nanoTime();
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var first = threads.submit(
                        () -> remote.post(COMPANIES + "/query", "{}").status());
                var second = threads.submit(
                        () -> remote.post(COMPANIES + "/query", "{}").status());
                assertThat(List.of(first.get(), second.get())).containsExactly(200, 200);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isGreaterThanOrEqualTo(answerTime).isLessThan(answerTime.multipliedBy(2));
        }
    }

    @Test
    void malformedFilterIsA400FilterError() {
        TestHttp.Reply reply = http.post(COMPANIES + "/query", "{\"filter\":{\"no_such_attribute\":\"x\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("code").asString()).isEqualTo("filter_error");
    }

    @Test
    void getAnswers404ForAnUnknownRecord() {
        TestHttp.Reply reply = http.get(COMPANIES + "/891dcbfc-9141-415d-9b2a-2238a6cc012d");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("message").asString())
                .isEqualTo("Record with ID \"891dcbfc-9141-415d-9b2a-2238a6cc012d\" not found.");
    }

    @Test
    void creatingAClashingUniqueValueIsRefused() {
        company("Acme", "acme.com");

        TestHttp.Reply reply =
                http.post(COMPANIES, "{\"data\":{\"values\":{\"domains\":[{\"domain\":\"acme.com\"}]}}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("code").asString()).isEqualTo("uniqueness_conflict");
    }

    @Test
    void assertCreatesThenUpdatesKeepingMatchingDomains() {
        JsonNode created = assertCompany("{\"domains\":[{\"domain\":\"acme.com\"}],\"name\":[\"Acme\"]}");
        clock.advance(Duration.ofMinutes(1));

        JsonNode updated = assertCompany(
                "{\"domains\":[{\"domain\":\"acme.com\"},{\"domain\":\"acme.io\"}],\"name\":[\"Acme Inc\"]}");

        assertThat(updated.path("id").path("record_id").asString())
                .isEqualTo(created.path("id").path("record_id").asString());
        assertThat(updated.path("values").path("domains").values())
                .extracting(d -> d.path("domain").asString())
                .containsExactlyInAnyOrder("acme.com", "acme.io");
        assertThat(updated.path("values").path("name").get(0).path("value").asString())
                .isEqualTo("Acme Inc");
        assertThat(query(COMPANIES, "{}").size()).isEqualTo(1);
        JsonNode acme = updated.path("values").path("domains").values().stream()
                .filter(d -> d.path("domain").asString().equals("acme.com"))
                .findFirst()
                .orElseThrow();
        assertThat(acme.path("active_from").asString()).isEqualTo("2026-01-05T12:00:00.000000000Z");
    }

    @Test
    void assertNeedsAUniqueKnownMatchingAttribute() {
        TestHttp.Reply unknown =
                http.put(COMPANIES + "?matching_attribute=nope", "{\"data\":{\"values\":{\"name\":[\"x\"]}}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("code").asString()).isEqualTo("value_not_found");

        TestHttp.Reply notUnique =
                http.put(COMPANIES + "?matching_attribute=name", "{\"data\":{\"values\":{\"name\":[\"x\"]}}}");
        assertThat(notUnique.status()).isEqualTo(400);
        assertThat(notUnique.json().path("message").asString()).contains("not a unique attribute");
    }

    @Test
    void patchAppendsMultiselectValuesWhilePutOverwrites() {
        String id = company("Acme", "acme.com").path("id").path("record_id").asString();

        JsonNode patched = http.patch(COMPANIES + "/" + id, "{\"data\":{\"values\":{\"domains\":[\"acme.io\"]}}}")
                .json()
                .path("data");
        assertThat(domains(patched)).containsExactly("acme.io", "acme.com");

        JsonNode put = http.put(COMPANIES + "/" + id, "{\"data\":{\"values\":{\"domains\":[\"acme.dev\"]}}}")
                .json()
                .path("data");
        assertThat(domains(put)).containsExactly("acme.dev");
        assertThat(put.path("values").path("name").get(0).path("value").asString())
                .isEqualTo("Acme");
    }

    @Test
    void dealNeedsNameStageAndOwner() {
        TestHttp.Reply reply = http.post(DEALS, "{\"data\":{\"values\":{\"name\":[\"Acme: PQL\"]}}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("code").asString()).isEqualTo("missing_value");
        assertThat(reply.json().path("message").asString()).startsWith("Required value for attribute with ID");
    }

    @Test
    void dealReferencesResolveStatusOwnerAndCompany() {
        String companyId =
                company("Acme", "acme.com").path("id").path("record_id").asString();

        JsonNode deal = create(DEALS, """
                {"name":["Acme: PQL"],"stage":["Lead"],"owner":["rep@acme.test"],
                 "associated_company":[{"target_object":"companies","target_record_id":"%s"}],
                 "beton_key":["company:%s"],"pql_score":[87.5],"lead_source":["Beton"],"value":[1200]}""".formatted(companyId, companyId));

        JsonNode values = deal.path("values");
        assertThat(values.path("stage").get(0).path("status").path("title").asString())
                .isEqualTo("Lead");
        assertThat(values.path("stage").get(0).path("attribute_type").asString())
                .isEqualTo("status");
        assertThat(values.path("owner").get(0).path("referenced_actor_type").asString())
                .isEqualTo("workspace-member");
        assertThat(values.path("associated_company")
                        .get(0)
                        .path("target_record_id")
                        .asString())
                .isEqualTo(companyId);
        assertThat(values.path("pql_score").get(0).path("value").asDouble()).isEqualTo(87.5);
        assertThat(values.path("lead_source")
                        .get(0)
                        .path("option")
                        .path("title")
                        .asString())
                .isEqualTo("Beton");
        assertThat(values.path("value").get(0).path("currency_code").asString()).isEqualTo("USD");

        JsonNode found = query(
                DEALS,
                "{\"filter\":{\"associated_company\":{\"target_object\":\"companies\",\"target_record_id\":\"%s\"}}}"
                        .formatted(companyId));
        assertThat(found.size()).isEqualTo(1);
        assertThat(query(DEALS, "{\"filter\":{\"beton_key\":\"company:" + companyId + "\"}}")
                        .size())
                .isEqualTo(1);
        assertThat(query(DEALS, "{\"filter\":{\"$or\":[{\"stage\":\"Won 🎉\"},{\"stage\":\"Lost\"}]}}")
                        .size())
                .isZero();
    }

    @Test
    void referencesToMissingRecordsAndUnknownOptionsAreRefused() {
        TestHttp.Reply unknownStage = http.post(DEALS, """
                {"data":{"values":{"name":["x"],"stage":["Negotiation"],"owner":["rep@acme.test"]}}}""");
        assertThat(unknownStage.status()).isEqualTo(400);
        assertThat(unknownStage.json().path("code").asString()).isEqualTo("value_not_found");

        TestHttp.Reply missingCompany = http.post(DEALS, """
                {"data":{"values":{"name":["x"],"stage":["Lead"],"owner":["rep@acme.test"],
                 "associated_company":["nowhere.com"]}}}""");
        assertThat(missingCompany.status()).isEqualTo(400);
        assertThat(query(DEALS, "{}").size()).isZero();
    }

    @Test
    void companyCanBeReferencedByDomain() {
        String companyId =
                company("Acme", "acme.com").path("id").path("record_id").asString();

        JsonNode deal = create(DEALS, """
                {"name":["x"],"stage":["In Progress"],"owner":["rep@acme.test"],"associated_company":["acme.com"]}""");

        assertThat(deal.path("values")
                        .path("associated_company")
                        .get(0)
                        .path("target_record_id")
                        .asString())
                .isEqualTo(companyId);
    }

    @Test
    void dealsAreAssertedByTheirUniqueBetonKey() {
        String body = """
                {"data":{"values":{"beton_key":["company:1"],"name":["Acme: PQL"],"stage":["Lead"],"owner":["rep@acme.test"],
                 "pql_score":[%s]}}}""";
        String first = http.put(DEALS + "?matching_attribute=beton_key", body.formatted("50"))
                .json()
                .path("data")
                .path("id")
                .path("record_id")
                .asString();

        JsonNode second = http.put(DEALS + "?matching_attribute=beton_key", body.formatted("90"))
                .json()
                .path("data");

        assertThat(second.path("id").path("record_id").asString()).isEqualTo(first);
        assertThat(second.path("values").path("pql_score").get(0).path("value").asDouble())
                .isEqualTo(90);
        assertThat(query(DEALS, "{}").size()).isEqualTo(1);
    }

    @Test
    void bareValuesAreAcceptedForSingleSelectAttributes() {
        JsonNode deal = create(DEALS, """
                {"name":"Acme: PQL","stage":"Won 🎉","owner":"rep@acme.test","pql_score":"12.5"}""");

        assertThat(deal.path("values").path("name").get(0).path("value").asString())
                .isEqualTo("Acme: PQL");
        assertThat(deal.path("values")
                        .path("stage")
                        .get(0)
                        .path("status")
                        .path("title")
                        .asString())
                .isEqualTo("Won 🎉");
        assertThat(deal.path("values").path("pql_score").get(0).path("value").asDouble())
                .isEqualTo(12.5);
        assertThat(contract.acceptedDeviations()).anyMatch(d -> d.contains("bare value"));
    }

    @Test
    void severalValuesForASingleSelectAttributeAreRefused() {
        TestHttp.Reply reply = http.post(COMPANIES, "{\"data\":{\"values\":{\"name\":[\"A\",\"B\"]}}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("code").asString()).isEqualTo("validation_type");
    }

    @Test
    void stageHistoryShowsWhenTheDealWasWon() {
        String id = create(DEALS, "{\"name\":[\"x\"],\"stage\":[\"Lead\"],\"owner\":[\"rep@acme.test\"]}")
                .path("id")
                .path("record_id")
                .asString();
        clock.advance(Duration.ofDays(3));

        JsonNode won = http.patch(DEALS + "/" + id, "{\"data\":{\"values\":{\"stage\":[\"Won 🎉\"]}}}")
                .json()
                .path("data");
        JsonNode history = http.get(DEALS + "/" + id + "/attributes/stage/values?show_historic=true")
                .json()
                .path("data");

        assertThat(won.path("values").path("stage").get(0).path("active_from").asString())
                .isEqualTo("2026-01-08T12:00:00.000000000Z");
        assertThat(history.values())
                .extracting(v -> v.path("status").path("title").asString() + " until " + v.path("active_until"))
                .containsExactly("Lead until \"2026-01-08T12:00:00.000000000Z\"", "Won 🎉 until null");
        assertThat(http.get(DEALS + "/" + id + "/attributes/stage/values")
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void deleteRemovesTheRecord() {
        String id = company("Acme", "acme.com").path("id").path("record_id").asString();

        assertThat(http.delete(COMPANIES + "/" + id).status()).isEqualTo(200);
        assertThat(http.get(COMPANIES + "/" + id).status()).isEqualTo(404);
    }

    private JsonNode company(String name, String domain) {
        return create(COMPANIES, "{\"name\":[\"%s\"],\"domains\":[\"%s\"]}".formatted(name, domain));
    }

    private JsonNode create(String path, String values) {
        TestHttp.Reply reply = http.post(path, "{\"data\":{\"values\":" + values + "}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("data");
    }

    private JsonNode assertCompany(String values) {
        TestHttp.Reply reply =
                http.put(COMPANIES + "?matching_attribute=domains", "{\"data\":{\"values\":" + values + "}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("data");
    }

    private JsonNode query(String records, String body) {
        TestHttp.Reply reply = http.post(records + "/query", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("data");
    }

    private static List<String> names(JsonNode records) {
        return records.values().stream()
                .map(r -> r.path("values").path("name").get(0).path("value").asString())
                .toList();
    }

    private static List<String> domains(JsonNode record) {
        return record.path("values").path("domains").values().stream()
                .map(d -> d.path("domain").asString())
                .toList();
    }
}
