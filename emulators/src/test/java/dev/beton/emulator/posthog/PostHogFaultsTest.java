package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.PostHogFixture.ALL;
import static dev.beton.emulator.posthog.PostHogFixture.READER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scripted faults answer as PostHog does, only on their route and only as often as scripted. */
class PostHogFaultsTest {

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
                .rateLimits(PostHogRateLimits.none())
                .start();
        http = TestHttp.to(posthog.baseUrl()).bearer(ALL);
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void scriptedAnswersComeInOrderOnTheirRouteOnly() {
        posthog.faults()
                .rateLimited(PostHogFaults.QUERY, 1, Duration.ofSeconds(12))
                .serverErrors(PostHogFaults.QUERY, 2);
        assertThat(posthog.faults().pending()).isEqualTo(3);

        TestHttp.Reply throttled = http.post("/api/projects/1/query/", QUERY_BODY);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).hasValue("12");
        assertThat(throttled.json().path("code").asString()).isEqualTo("throttled");

        assertThat(http.get("/api/projects/1/dashboards/").status())
                .as("another route")
                .isEqualTo(200);
        assertThat(http.post("/api/projects/1/query/", QUERY_BODY).status()).isEqualTo(500);
        assertThat(http.post("/api/environments/1/query/", QUERY_BODY)
                        .json()
                        .path("type")
                        .asString())
                .isEqualTo("server_error");
        assertThat(http.post("/api/projects/1/query/", QUERY_BODY).status()).isEqualTo(200);
        assertThat(posthog.faults().injected()).isEqualTo(3);
        assertThat(posthog.faults().pending()).isZero();
    }

    @Test
    void aRevokedKeyGetsTheInvalidKeyEnvelopeAndOtherKeysWork() {
        assertThat(http.get("/api/users/@me/").status()).isEqualTo(200);

        posthog.faults().revoke(ALL);

        TestHttp.Reply refused = http.get("/api/projects/1/dashboards/");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("code").asString()).isEqualTo("authentication_failed");
        assertThat(refused.json().path("detail").asString())
                .isEqualTo("Personal API key found in request Authorization header is invalid.");
        assertThat(TestHttp.to(posthog.baseUrl())
                        .bearer(READER)
                        .get("/api/projects/1/dashboards/")
                        .status())
                .isEqualTo(200);

        posthog.faults().clear();
        assertThat(http.get("/api/projects/1/dashboards/").status()).isEqualTo(200);
    }

    @Test
    void aSlowAnswerIsTheNormalAnswerLater() {
        posthog.faults().slow(PostHogFaults.QUERY, 1, Duration.ofMillis(300));

        long started = System.nanoTime();
        TestHttp.Reply answer = http.post("/api/projects/1/query/", QUERY_BODY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
