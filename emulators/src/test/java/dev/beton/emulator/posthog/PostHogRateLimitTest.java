package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.PostHogFixture.ALL;
import static dev.beton.emulator.posthog.PostHogFixture.LEGACY;
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

class PostHogRateLimitTest {

    private static final String QUERY_BODY =
            "{\"query\":{\"kind\":\"HogQLQuery\",\"query\":\"SELECT count() FROM events\"}}";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private final MutableClock clock = MutableClock.at("2026-01-10T00:00:00Z");
    private PostHogEmulator posthog;
    private TestHttp http;

    @BeforeEach
    void start() {
        posthog = PostHogFixture.builder(clock, contract)
                .rateLimits(new PostHogRateLimits(
                        List.of(RateLimit.perMinute(2), RateLimit.perHour(3)),
                        List.of(RateLimit.perMinute(1)),
                        List.of(RateLimit.perMinute(3))))
                .start();
        http = TestHttp.to(posthog.baseUrl()).bearer(ALL);
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void crudBeyondTheLimitIs429WithRetryAfterUntilTheWindowMoves() {
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/projects/1/dashboards/").status()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(10));
        }

        TestHttp.Reply throttled = http.get("/api/projects/1/dashboards/");

        assertThat(throttled.status()).isEqualTo(429);
        // The first request was 30 s ago, so it leaves the one-minute window in 30 s.
        assertThat(throttled.header("Retry-After")).hasValue("30");
        assertThat(throttled.json().path("type").asString()).isEqualTo("throttled_error");
        assertThat(throttled.json().path("code").asString()).isEqualTo("throttled");
        assertThat(throttled.json().path("detail").asString())
                .isEqualTo("Request was throttled. Expected available in 30 seconds.");

        clock.advance(Duration.ofSeconds(30));
        assertThat(http.get("/api/projects/1/dashboards/").status()).isEqualTo(200);
    }

    @Test
    void limitsArePerKey() {
        for (int i = 0; i < 3; i++) {
            http.get("/api/users/@me/");
        }

        assertThat(http.get("/api/users/@me/").status()).isEqualTo(429);
        assertThat(http.bearer(LEGACY).get("/api/users/@me/").status()).isEqualTo(200);
    }

    @Test
    void queriesHaveTheirOwnBudget() {
        http.post("/api/projects/1/query/", QUERY_BODY);
        http.post("/api/projects/1/query/", QUERY_BODY);

        assertThat(http.post("/api/projects/1/query/", QUERY_BODY).header("Retry-After"))
                .hasValue("60");
        assertThat(http.get("/api/projects/1/dashboards/").status()).isEqualTo(200);
    }

    @Test
    void aRequestRefusedByOneWindowStillCountsInTheOthersAsInDrf() {
        http.post("/api/projects/1/query/", QUERY_BODY);
        http.post("/api/projects/1/query/", QUERY_BODY);
        // Refused by the minute window, but the hour window (3/h) records it: DRF asks every throttle.
        assertThat(http.post("/api/projects/1/query/", QUERY_BODY).status()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(1));
        TestHttp.Reply hourly = http.post("/api/projects/1/query/", QUERY_BODY);

        assertThat(hourly.status()).isEqualTo(429);
        assertThat(hourly.header("Retry-After"))
                .hasValue(Long.toString(Duration.ofMinutes(59).toSeconds()));
    }

    @Test
    void everyInsightActionUsesTheAnalyticsBudget() {
        assertThat(http.get("/api/projects/1/insights/").status()).isEqualTo(200);

        assertThat(http.post("/api/projects/1/insights/", "{\"name\":\"x\"}").status())
                .isEqualTo(429);
        assertThat(http.get("/api/projects/1/dashboards/").status()).isEqualTo(200);
    }

    @Test
    void captureIsNeverThrottled() {
        TestHttp capture = TestHttp.to(posthog.baseUrl());
        for (int i = 0; i < 10; i++) {
            assertThat(capture.post(
                                    "/i/v0/e/",
                                    "{\"api_key\":\"phc_main_token_1234567890\",\"event\":\"e\",\"distinct_id\":\"u\"}")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(posthog.events(1)).hasSize(10);
    }
}
