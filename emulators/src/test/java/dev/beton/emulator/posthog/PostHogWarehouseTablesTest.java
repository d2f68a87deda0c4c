package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.PostHogFixture.ALL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Json;
import dev.beton.emulator.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code warehouse_tables/file/}: the direct CSV upload, its feature-flag refusal, and soft delete. */
class PostHogWarehouseTablesTest {

    private static final String TABLES = "/api/projects/1/warehouse_tables/";
    private static final String CSV =
            "deal_id,company_key,value\r\nd1,acme.com,120000\r\n" + "d2,\"globex.com\",\"5,000\"\r\n";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private PostHogEmulator posthog;

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void withoutTheWarehouseApiFlagTheUploadIsRefused() throws Exception {
        posthog = PostHogFixture.builder(MutableClock.at("2026-01-10T00:00:00Z"), contract)
                .start();

        HttpResponse<String> refused = upload("beton_deals", CSV);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Json.parse(refused.body()).path("detail").asString()).isEqualTo(WarehouseTableRoutes.NOT_ENABLED);
        assertThat(posthog.warehouseTable(1, "beton_deals")).isEmpty();
    }

    @Test
    void uploadKeepsTheCsvAndTheNameIsTakenUntilTheTableIsDeleted() throws Exception {
        posthog = PostHogFixture.builder(MutableClock.at("2026-01-10T00:00:00Z"), contract)
                .warehouseApi(true)
                .start();

        HttpResponse<String> created = upload("beton_deals", CSV);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(Json.parse(created.body()).path("columns").size()).isEqualTo(3);
        assertThat(posthog.warehouseTable(1, "beton_deals").orElseThrow())
                .containsExactly(
                        List.of("deal_id", "company_key", "value"),
                        List.of("d1", "acme.com", "120000"),
                        List.of("d2", "globex.com", "5,000"));

        assertThat(upload("beton_deals", CSV).statusCode()).isEqualTo(400);

        String id = Json.parse(created.body()).path("id").asString();
        assertThat(send(HttpRequest.newBuilder(uri(TABLES + id + "/")).DELETE()).statusCode())
                .isEqualTo(204);
        assertThat(posthog.warehouseTable(1, "beton_deals")).isEmpty();
        assertThat(upload("beton_deals", "deal_id\r\nd3\r\n").statusCode()).isEqualTo(201);
        assertThat(posthog.warehouseTable(1, "beton_deals").orElseThrow()).hasSize(2);
    }

    private HttpResponse<String> upload(String name, String csv) throws Exception {
        String boundary = "beton-test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + name + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nCSVWithNames\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"deals.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return send(HttpRequest.newBuilder(uri(TABLES + "file/"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
        return posthog.baseUrl().resolve(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    request.header("Authorization", "Bearer " + ALL).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
