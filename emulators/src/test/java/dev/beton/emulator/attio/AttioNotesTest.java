package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioFixture.FULL;
import static dev.beton.emulator.attio.AttioFixture.READ_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class AttioNotesTest {

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.attio();

    private final MutableClock clock = MutableClock.at("2026-01-05T12:00:00Z");
    private AttioEmulator attio;
    private TestHttp http;
    private String companyId;

    @BeforeEach
    void start() {
        attio = AttioFixture.builder(clock, contract).start();
        http = TestHttp.to(attio.baseUrl()).bearer(FULL);
        companyId = http.post("/v2/objects/companies/records", "{\"data\":{\"values\":{\"domains\":[\"acme.com\"]}}}")
                .json()
                .path("data")
                .path("id")
                .path("record_id")
                .asString();
    }

    @AfterEach
    void stop() {
        attio.close();
    }

    @Test
    void markdownNoteKeepsMarkdownAndDerivesPlaintext() {
        JsonNode note =
                note("Beton: PQL signals", "markdown", "## Signals\\n- 5 seats invited\\n- **API key** created");

        assertThat(note.path("parent_object").asString()).isEqualTo("companies");
        assertThat(note.path("parent_record_id").asString()).isEqualTo(companyId);
        assertThat(note.path("content_markdown").asString())
                .isEqualTo("## Signals\n- 5 seats invited\n- **API key** created");
        assertThat(note.path("content_plaintext").asString()).isEqualTo("Signals\n5 seats invited\nAPI key created");
        assertThat(note.path("created_by_actor").path("type").asString()).isEqualTo("api-token");
        assertThat(note.path("created_at").asString()).isEqualTo("2026-01-05T12:00:00.050000000Z");
    }

    @Test
    void listDefaultsToTenCapsAtFiftyAndFiltersByParent() {
        for (int i = 0; i < 55; i++) {
            note("n" + i, "plaintext", "text");
        }
        String parent = "/v2/notes?parent_object=companies&parent_record_id=" + companyId;

        assertThat(http.get(parent).json().path("data").size()).isEqualTo(10);
        assertThat(http.get(parent + "&limit=500").json().path("data").size()).isEqualTo(50);
        assertThat(http.get(parent + "&limit=10&offset=50").json().path("data").size())
                .isEqualTo(5);
        assertThat(http.get("/v2/notes?parent_object=people")
                        .json()
                        .path("data")
                        .size())
                .isZero();
        assertThat(http.bearer(READ_ONLY).get(parent).status()).isEqualTo(200);
    }

    @Test
    void notesHaveNoIdempotencyKey() {
        note("same", "plaintext", "x");
        note("same", "plaintext", "x");

        assertThat(http.get("/v2/notes?parent_record_id=" + companyId)
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(2);
    }

    @Test
    void missingParentIs404() {
        TestHttp.Reply unknownObject = http.post("/v2/notes", body("nope", companyId, "plaintext"));
        assertThat(unknownObject.status()).isEqualTo(404);
        assertThat(unknownObject.json().path("message").asString())
                .isEqualTo("Object with slug/ID \"nope\" not found.");

        TestHttp.Reply unknownRecord =
                http.post("/v2/notes", body("companies", "891dcbfc-9141-415d-9b2a-2238a6cc012d", "plaintext"));
        assertThat(unknownRecord.status()).isEqualTo(404);
    }

    @Test
    void writingNeedsTheNoteWriteScope() {
        TestHttp.Reply reply = http.bearer(READ_ONLY).post("/v2/notes", body("companies", companyId, "plaintext"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("message").asString()).contains("note:read-write");
    }

    private JsonNode note(String title, String format, String content) {
        // 20 writes per second stay under Attio's 25.
        clock.advance(java.time.Duration.ofMillis(50));
        TestHttp.Reply reply = http.post("/v2/notes", """
                {"data":{"parent_object":"companies","parent_record_id":"%s","title":"%s","format":"%s","content":"%s"}}""".formatted(companyId, title, format, content));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("data");
    }

    private static String body(String parentObject, String parentId, String format) {
        return """
                {"data":{"parent_object":"%s","parent_record_id":"%s","title":"t","format":"%s","content":"c"}}""".formatted(parentObject, parentId, format);
    }
}
