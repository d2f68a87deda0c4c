package dev.beton.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.emulator.Exchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator must catch what is wrong, not only wave through what is right. */
class ContractValidatorTest {

    private static final Map<String, List<String>> JSON = Map.of("content-type", List.of("application/json"));
    private static final Map<String, List<String>> AUTH = Map.of("authorization", List.of("Bearer t"));

    @Test
    void attioRecordValueWithoutAttributeTypeIsAViolation() {
        ContractValidator attio = ContractValidator.attio();
        String record = """
                {"data":{"id":{"workspace_id":"14beef7a-99f7-4534-a87e-70b564330a4c","object_id":"97052eb9-e65e-443f-a297-f2d9a4a7f795",
                 "record_id":"bf071e1f-6035-429d-b874-d83ea64ea13b"},"created_at":"2022-11-21T13:22:49.061281000Z",
                 "web_url":"https://app.attio.com/acme/company/bf071e1f-6035-429d-b874-d83ea64ea13b",
                 "values":{"name":[{"active_from":"2023-01-01T15:00:00.000000000Z","active_until":null,
                   "created_by_actor":{"type":"api-token","id":"x"},"value":"Acme"%s}]}}}""";

        List<Violation> bad = attio.validate(
                get("/v2/objects/companies/records/bf071e1f-6035-429d-b874-d83ea64ea13b", 200, record.formatted("")));
        List<Violation> good = attio.validate(get(
                "/v2/objects/companies/records/bf071e1f-6035-429d-b874-d83ea64ea13b",
                200,
                record.formatted(",\"attribute_type\":\"text\"")));

        assertThat(bad).isNotEmpty();
        assertThat(good).isEmpty();
        assertThatThrownBy(attio::assertNoViolations)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("attribute_type");
    }

    @Test
    void undeclaredErrorStatusesAreHeldToTheDocumentedEnvelope() {
        ContractValidator attio = ContractValidator.attio();

        assertThat(attio.validate(get(
                        "/v2/objects", 401, "{\"type\":\"auth_error\",\"code\":\"unauthorized\",\"message\":\"no\"}")))
                .extracting(Violation::key)
                .contains("error.envelope");
        assertThat(attio.validate(get(
                        "/v2/objects",
                        401,
                        "{\"status_code\":401,\"type\":\"auth_error\",\"code\":\"unauthorized\",\"message\":\"no\"}")))
                .isEmpty();
        Exchange secondsRetry = new Exchange(
                "GET",
                "/v2/objects",
                "",
                AUTH,
                "",
                429,
                Map.of("content-type", List.of("application/json"), "retry-after", List.of("1")),
                "{\"status_code\":429,\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow\"}");
        assertThat(attio.validate(secondsRetry)).extracting(Violation::message).anyMatch(m -> m.contains("HTTP-date"));
    }

    @Test
    void postHogUnknownRouteIsAViolationNotASkip() {
        ContractValidator posthog = ContractValidator.posthog();

        assertThat(posthog.validate(get("/api/projects/1/no_such_thing/", 200, "{}")))
                .isNotEmpty();
    }

    @Test
    void routesMissingFromTheFileAreCheckedByHandAndListed() {
        ContractValidator posthog = ContractValidator.posthog();

        List<Violation> incomplete = posthog.validate(get("/api/users/@me/", 200, "{\"uuid\":\"u\"}"));
        List<Violation> complete = posthog.validate(get(
                "/api/users/@me/",
                200,
                "{\"uuid\":\"u\",\"email\":\"e\",\"team\":{},\"organization\":{},\"organizations\":[]}"));

        assertThat(incomplete).extracting(Violation::message).contains("missing field email");
        assertThat(complete).isEmpty();
        assertThat(posthog.uncovered()).singleElement().asString().contains("@me");
    }

    @Test
    void deviationsAreNarrow() {
        ContractValidator posthog = ContractValidator.posthog();
        String item =
                "{\"id\":1,\"created_at\":\"2026-01-01T00:00:00Z\",\"created_by\":{\"id\":1,\"uuid\":\"0190c0de-0000-7000-8000-000000000001\",\"email\":\"e@example.com\"},"
                        + "\"creation_mode\":\"default\",\"effective_privilege_level\":37,\"effective_restriction_level\":21,\"is_shared\":false%s}";
        String page = "{\"count\":1,\"next\":null,\"previous\":null,\"results\":[%s]}";

        assertThat(posthog.validate(get("/api/projects/1/dashboards/", 200, page.formatted(item.formatted("")))))
                .isEmpty();
        assertThat(posthog.acceptedDeviations()).anyMatch(d -> d.contains("DashboardBasicSerializer"));
        String withoutId = item.formatted("").replace("\"id\":1,", "");
        assertThat(posthog.validate(get("/api/projects/1/dashboards/", 200, page.formatted(withoutId))))
                .extracting(Violation::message)
                .anyMatch(m -> m.contains("'id'"));
    }

    @Test
    void attioFixesAreAppliedAndCounted() {
        assertThat(ContractValidator.attio().contractPatches())
                .hasSize(2)
                .allMatch(line -> !line.contains("(0 schemas)"));
    }

    @Test
    void aValidatorThatSawNothingFails() {
        ContractValidator posthog = ContractValidator.posthog();

        assertThatThrownBy(posthog::assertNoViolations).hasMessageContaining("no exchange");
        posthog.allowNoExchanges().assertNoViolations();
    }

    @Test
    void httpClientExchangesCanBeValidatedWithoutAnObserver() throws Exception {
        ContractValidator attio = ContractValidator.attio();
        try (var emulator = dev.beton.emulator.attio.AttioEmulator.builder()
                .token(dev.beton.emulator.attio.AttioToken.full("t"))
                .start()) {
            var client = java.net.http.HttpClient.newHttpClient();
            String body = "{\"data\":{\"values\":{\"domains\":[\"acme.com\"]}}}";
            var request = java.net.http.HttpRequest.newBuilder(
                            emulator.baseUrl().resolve("/v2/objects/companies/records"))
                    .header("Authorization", "Bearer t")
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build();
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(attio.validate(request, body, response)).isEmpty();
            assertThat(attio.validate(request, "{\"data\":{}}", response))
                    .extracting(Violation::message)
                    .anyMatch(m -> m.contains("values"));
        }
    }

    private static Exchange get(String path, int status, String body) {
        return new Exchange("GET", path, "", AUTH, "", status, JSON, body);
    }
}
