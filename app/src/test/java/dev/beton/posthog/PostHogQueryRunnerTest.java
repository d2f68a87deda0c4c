package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Query API client and its {@link dev.beton.query.QueryRunner} adapter against the emulator,
 * every exchange contract-validated. Asynchronous answers and paging have their own tests
 * ({@code PostHogAsyncQueryTest}, {@code PostHogPagingTest}).
 */
class PostHogQueryRunnerTest {

    private static final String KEY = "phx_queryRunnerTestKey0123456789abcdefghijklmn";
    private static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000b1"), "Acme", "acme");
    private static final PostHogProject MAIN =
            new PostHogProject(301, ORG.id(), "Main", "phc_queryRunnerProjectToken0123456789abcdef");

    private final ContractValidator contract = ContractValidator.posthog();
    private PostHogEmulator emulator;
    private PostHogClient client;

    @BeforeEach
    void start() throws Exception {
        emulator = PostHogEmulator.builder()
                .organization(ORG)
                .project(MAIN)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .observer(contract)
                .start();
        client = new PostHogClients(
                        new PostHogProperties(
                                URI.create("https://us.posthog.com"),
                                URI.create("https://eu.posthog.com"),
                                Duration.ofSeconds(5)),
                        JsonMapper.builder().build())
                .forHost(emulator.baseUrl());
        EmulatorBatches.reports(emulator, MAIN.apiToken(), 3, Instant.now().minusSeconds(3600));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void runsABoundCountQueryForcingABlockingRefresh() {
        RenderedQuery query = new RenderedQuery(
                Dialect.HOGQL,
                "SELECT count() AS events FROM events WHERE timestamp >= now() - INTERVAL {days} DAY",
                List.of(new RenderedQuery.BoundParameter("days", 7)));

        ResultRows rows =
                PostHogQueryRunner.of(client, Secret.of(KEY), MAIN.id()).run(query);

        assertThat(rows.list()).hasSize(1);
        assertThat(rows.list().getFirst().count(rows.columns().getFirst())).isEqualTo(3);
        contract.assertNoViolations();
    }

    @Test
    void aRefusedQueryCarriesPostHogsMessage() {
        RenderedQuery broken = new RenderedQuery(Dialect.HOGQL, "SELEC nonsense FROM", List.of());

        assertThatThrownBy(() ->
                        PostHogQueryRunner.of(client, Secret.of(KEY), MAIN.id()).run(broken))
                .isInstanceOfSatisfying(PostHogException.ApiError.class, e -> assertThat(e.status())
                        .isEqualTo(400))
                .message()
                .isNotBlank();
        contract.assertNoViolations();
    }

    @Test
    void anUnknownKeyIsUnauthorized() {
        RenderedQuery query = new RenderedQuery(Dialect.HOGQL, "SELECT count() FROM events", List.of());

        assertThatThrownBy(() -> PostHogQueryRunner.of(
                                client, Secret.of("phx_revokedKey0123456789abcdefghijklmnopqrstu"), MAIN.id())
                        .run(query))
                .isInstanceOf(PostHogException.Unauthorized.class);
    }

    @Test
    void refusesADuckDbQuery() {
        RenderedQuery duck = new RenderedQuery(Dialect.DUCKDB, "SELECT 1", List.of());

        assertThatThrownBy(() ->
                        PostHogQueryRunner.of(client, Secret.of(KEY), MAIN.id()).run(duck))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolvesTheCompanyGroupTypeIndexWithoutAssumingZero() throws Exception {
        assertThatThrownBy(() -> client.groupTypeIndex(Secret.of(KEY), MAIN.id(), "company"))
                .isInstanceOf(PostHogException.NotFound.class)
                .hasMessageContaining("no group type \"company\"");

        post("{\"api_key\":\"" + MAIN.apiToken() + "\",\"batch\":[{\"event\":\"e\",\"distinct_id\":\"u\","
                + "\"properties\":{\"$groups\":{\"workspace\":\"w1\"}}},{\"event\":\"e\",\"distinct_id\":\"u\","
                + "\"properties\":{\"$groups\":{\"company\":\"c1\"}}}]}");

        assertThat(client.groupTypeIndex(Secret.of(KEY), MAIN.id(), "company")).isEqualTo(1);
        contract.assertNoViolations();
    }

    private void post(String batch) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(emulator.baseUrl().resolve("/batch/"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(batch))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
