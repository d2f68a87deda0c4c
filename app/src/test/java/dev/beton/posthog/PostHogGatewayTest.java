package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Exchange;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogFaults;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.emulator.posthog.PostHogRateLimits;
import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.workspace.credentials.Secret;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 6 §6: every PostHog failure the emulator can script, through the gateway, ends in the
 * documented behaviour. Retry waits advance a fake clock instead of sleeping; every exchange that
 * is not a deliberately broken answer is contract-validated.
 */
class PostHogGatewayTest {

    private static final String KEY = "phx_gatewayTestKey0123456789abcdefghijklmnopq";
    private static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000c1"), "Acme", "acme");
    private static final PostHogProject MAIN =
            new PostHogProject(401, ORG.id(), "Main", "phc_gatewayProjectToken0123456789abcdefgh");
    private static final RenderedQuery COUNT = new RenderedQuery(
            Dialect.HOGQL,
            "SELECT count() AS events FROM events WHERE timestamp >= now() - INTERVAL {days} DAY",
            List.of(new RenderedQuery.BoundParameter("days", 7)));

    private final MutableClock clock = MutableClock.at("2026-12-01T06:00:00Z");
    private final ContractValidator contract = ContractValidator.posthog();
    private final List<Exchange> queries = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private PostHogEmulator emulator;
    private PostHogTarget target;

    @BeforeEach
    void start() throws Exception {
        emulator = PostHogEmulator.builder()
                .clock(clock)
                .organization(ORG)
                .project(MAIN)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .rateLimits(PostHogRateLimits.none())
                .observer(contract)
                .observer(exchange -> {
                    if (exchange.path().endsWith("/query/")) {
                        queries.add(exchange);
                    }
                })
                .start();
        PostHogClient client = new PostHogClients(
                        new PostHogProperties(
                                URI.create("https://us.posthog.com"),
                                URI.create("https://eu.posthog.com"),
                                Duration.ofMillis(400)),
                        JsonMapper.builder().build())
                .forHost(emulator.baseUrl());
        target = new PostHogTarget(client, Secret.of(KEY), MAIN.id());
        EmulatorBatches.reports(emulator, MAIN.apiToken(), 3, clock.instant().minusSeconds(3600));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterAndSucceeds() {
        emulator.faults().rateLimited(PostHogFaults.QUERY, 1, Duration.ofSeconds(7));

        ResultRows rows = gateway(PostHogBudgetProperties.defaults()).query(target, COUNT, QueryCategory.OVERVIEW);

        assertThat(rows.list().getFirst().count("events")).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(queries).extracting(Exchange::status).containsExactly(429, 200);
        contract.assertNoViolations();
    }

    @Test
    void aRetryAfterLongerThanACallerShouldWaitFailsAtOnceAsRateLimited() {
        emulator.faults().rateLimited(PostHogFaults.QUERY, 1, Duration.ofSeconds(3600));

        assertThatThrownBy(() -> gateway(PostHogBudgetProperties.defaults()).query(target, COUNT, QueryCategory.AD_HOC))
                .isInstanceOfSatisfying(PostHogException.RateLimited.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(3600)));
        assertThat(waits).isEmpty();
        assertThat(queries).hasSize(1);
        contract.assertNoViolations();
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoffThenTheBreakerOpens() {
        emulator.faults().serverErrors(PostHogFaults.QUERY, 1000);
        PostHogGateway gateway = gateway(PostHogBudgetProperties.defaults());
        QueryRunner detection = gateway.detectionRunner(target);

        assertThatThrownBy(() -> detection.run(COUNT))
                .isInstanceOfSatisfying(PostHogException.ApiError.class, e -> assertThat(e.status())
                        .isEqualTo(500));
        // 4 attempts, 3 waits of 1 s, 2 s, 4 s, each within ±50 % jitter.
        assertThat(queries).hasSize(4);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(6000));

        assertThatThrownBy(() -> detection.run(COUNT)).isInstanceOf(PostHogException.ApiError.class);
        assertThat(queries).hasSize(8);

        Instant openedAt = clock.instant();
        assertThatThrownBy(() -> detection.run(COUNT))
                .isInstanceOfSatisfying(PostHogException.CircuitOpen.class, e -> assertThat(e.retryAt())
                        .isEqualTo(openedAt.plusSeconds(60)));
        assertThat(queries).as("an open breaker sends nothing").hasSize(8);
        assertThat(gateway.usage(emulator.baseUrl(), MAIN.id()).breaker()).isEqualTo("OPEN");

        emulator.faults().clear();
        clock.advance(Duration.ofSeconds(61));
        assertThat(detection.run(COUNT).list()).hasSize(1);
        assertThat(gateway.usage(emulator.baseUrl(), MAIN.id()).breaker()).isEqualTo("CLOSED");
        contract.assertNoViolations();
    }

    @Test
    void aSlowAnswerPastTheTimeoutIsRetriedAndFinallyUnreachable() {
        PostHogGateway gateway = gateway(PostHogBudgetProperties.defaults());
        emulator.faults().slow(PostHogFaults.QUERY, 1, Duration.ofMillis(1200));

        assertThat(gateway.detectionRunner(target).run(COUNT).list()).hasSize(1);
        assertThat(waits).hasSize(1);

        waits.clear();
        emulator.faults().slow(PostHogFaults.QUERY, 4, Duration.ofMillis(1200));
        assertThatThrownBy(() -> gateway.detectionRunner(target).run(COUNT))
                .isInstanceOf(PostHogException.Unreachable.class)
                .message()
                .doesNotContain(KEY);
        assertThat(waits).hasSize(3);
    }

    @Test
    void malformedJsonIsATypedApiErrorAndIsNotRetried() {
        emulator.faults().malformedJson(PostHogFaults.QUERY, 10);

        assertThatThrownBy(() -> gateway(PostHogBudgetProperties.defaults()).query(target, COUNT, QueryCategory.AD_HOC))
                .isInstanceOf(PostHogException.ApiError.class)
                .hasMessageContaining("not JSON");
        assertThat(queries).hasSize(1);
        assertThat(waits).isEmpty();
        // The one broken body is the only thing the contract may complain about.
        assertThat(contract.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.path())
                .endsWith("/query/"));
    }

    @Test
    void aKeyRevokedMidRunIsUnauthorizedAtOnceWithoutRetry() {
        QueryRunner detection = gateway(PostHogBudgetProperties.defaults()).detectionRunner(target);
        assertThat(detection.run(COUNT).list()).hasSize(1);

        emulator.faults().revoke(KEY);

        assertThatThrownBy(() -> detection.run(COUNT))
                .isInstanceOf(PostHogException.Unauthorized.class)
                .message()
                .doesNotContain(KEY);
        assertThat(queries).extracting(Exchange::status).containsExactly(200, 401);
        assertThat(waits).isEmpty();
        contract.assertNoViolations();
    }

    @Test
    void aRefusedQueryFailsAtOnce() {
        RenderedQuery broken = new RenderedQuery(Dialect.HOGQL, "SELEC nonsense FROM", List.of());

        assertThatThrownBy(
                        () -> gateway(PostHogBudgetProperties.defaults()).query(target, broken, QueryCategory.AD_HOC))
                .isInstanceOfSatisfying(PostHogException.ApiError.class, e -> assertThat(e.status())
                        .isEqualTo(400));
        assertThat(queries).hasSize(1);
        assertThat(waits).isEmpty();
        contract.assertNoViolations();
    }

    @Test
    void anExhaustedBudgetSendsNothingAndSaysWhenItRefills() {
        PostHogGateway gateway = gateway(new PostHogBudgetProperties(3, 240, 1200, 480, 4800, 0.8));
        QueryRunner detection = gateway.detectionRunner(target);
        clock.advance(Duration.ofMinutes(25));
        for (int i = 0; i < 3; i++) {
            detection.run(COUNT);
        }

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> detection.run(COUNT))
                    .isInstanceOfSatisfying(PostHogException.BudgetExhausted.class, e -> assertThat(e.retryAt())
                            .isEqualTo(Instant.parse("2026-12-01T07:00:00Z")));
        }
        assertThat(queries).as("nothing sent beyond the budget").hasSize(3);
        PostHogUsage usage = gateway.usage(emulator.baseUrl(), MAIN.id());
        assertThat(usage.queriesUsedThisHour()).isEqualTo(3);
        assertThat(usage.queriesRemaining()).isZero();
        assertThat(usage.nearlyUsed()).isTrue();
        assertThat(usage.breaker()).isEqualTo("OPEN");

        clock.advance(Duration.ofMinutes(35));
        assertThat(detection.run(COUNT).list()).hasSize(1);
        assertThat(gateway.usage(emulator.baseUrl(), MAIN.id()).queriesUsedThisHour())
                .isEqualTo(1);
        contract.assertNoViolations();
    }

    @Test
    void aCacheHitSendsNothingUntilTheCategoryTtlEnds() {
        PostHogGateway gateway = gateway(PostHogBudgetProperties.defaults());

        gateway.query(target, COUNT, QueryCategory.OVERVIEW);
        gateway.query(target, COUNT, QueryCategory.OVERVIEW);
        clock.advance(Duration.ofMinutes(4));
        gateway.query(target, COUNT, QueryCategory.OVERVIEW);
        assertThat(queries).hasSize(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        gateway.query(target, COUNT, QueryCategory.OVERVIEW);
        assertThat(queries).hasSize(2);

        // Another category, other values or a detection run are different answers.
        gateway.query(target, COUNT, QueryCategory.BACKTESTING);
        gateway.query(
                target,
                new RenderedQuery(Dialect.HOGQL, COUNT.sql(), List.of(new RenderedQuery.BoundParameter("days", 30))),
                QueryCategory.OVERVIEW);
        gateway.query(target, COUNT, QueryCategory.DETECTION);
        gateway.query(target, COUNT, QueryCategory.DETECTION);
        assertThat(queries).hasSize(6);
        assertThat(queries.get(0).requestBody()).contains("\"blocking\"");
        assertThat(queries.get(5).requestBody()).contains("\"force_blocking\"");

        PostHogUsage usage = gateway.usage(emulator.baseUrl(), MAIN.id());
        assertThat(usage.cacheHits()).isEqualTo(2);
        assertThat(usage.cacheMisses()).isEqualTo(4);
        assertThat(usage.queriesUsedThisHour()).isEqualTo(6);
        contract.assertNoViolations();
    }

    @Test
    void anotherKeyOnTheSameProjectDoesNotReadThisKeysCachedAnswers() {
        PostHogGateway gateway = gateway(PostHogBudgetProperties.defaults());
        gateway.query(target, COUNT, QueryCategory.OVERVIEW);

        // A second workspace connected to the same project with a key PostHog does not know.
        PostHogTarget stranger = new PostHogTarget(
                target.client(), Secret.of("phx_anotherWorkspaceKey0123456789abcdefghijk"), MAIN.id());
        assertThatThrownBy(() -> gateway.query(stranger, COUNT, QueryCategory.OVERVIEW))
                .isInstanceOf(PostHogException.Unauthorized.class);

        gateway.query(target, COUNT, QueryCategory.OVERVIEW);
        assertThat(queries).hasSize(2);
        contract.assertNoViolations();
    }

    @Test
    void meteringTagsByHostAndProjectNeverByKey() {
        PostHogGateway gateway = gateway(PostHogBudgetProperties.defaults());
        emulator.faults().rateLimited(PostHogFaults.QUERY, 1, Duration.ofSeconds(1));
        gateway.query(target, COUNT, QueryCategory.OVERVIEW);
        gateway.query(target, COUNT, QueryCategory.OVERVIEW);

        String host = "127.0.0.1:" + emulator.baseUrl().getPort();
        assertThat(registry.get("beton.posthog.budget.used")
                        .tags("host", host, "project", "401", "class", "query")
                        .gauge()
                        .value())
                .isEqualTo(2);
        assertThat(registry.get("beton.posthog.budget.remaining")
                        .tags("class", "query")
                        .gauge()
                        .value())
                .isEqualTo(1998);
        assertThat(registry.get("beton.posthog.cache.requests")
                        .tags("result", "hit")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("beton.posthog.rate.limited.last").gauge().value())
                .isEqualTo(clock.instant().minusSeconds(1).getEpochSecond());
        assertThat(registry.get("beton.posthog.requests")
                        .tags("class", "query")
                        .counter()
                        .count())
                .isEqualTo(2);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().toString()).doesNotContain(KEY).doesNotContain("phx_");
        }
        contract.assertNoViolations();
    }

    private PostHogGateway gateway(PostHogBudgetProperties budget) {
        return PostHogGateway.builder(clock)
                .budget(budget)
                .retry(new PostHogRetryProperties(
                        4,
                        Duration.ofSeconds(1),
                        2.0,
                        0.5,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        4,
                        2,
                        50f,
                        Duration.ofSeconds(60)))
                .meterRegistry(registry)
                .waitWith(wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                })
                .build();
    }
}
