package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Json;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import dev.beton.emulator.posthog.HogQlOnEmulator;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The run's warning when PostHog blanks the company key of the oldest events of a look-back. */
class GroupKeyCoverageOnPostHogTest {

    private static final String KEY = "phx_coverage_key";
    private static final String TOKEN = "phc_coverage_project_token_0123456789";
    private static final PostHogOrganization ORG =
            new PostHogOrganization(java.util.UUID.nameUUIDFromBytes("coverage".getBytes()), "Acme", "acme");
    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private final MutableClock clock = MutableClock.at("2026-11-23T07:00:00Z");
    private PostHogEmulator posthog;

    @BeforeEach
    void start() {
        posthog = PostHogEmulator.builder()
                .clock(clock)
                .observer(contract)
                .organization(ORG)
                .project(new PostHogProject(1, ORG.id(), "Main", TOKEN))
                .personalKey(PersonalApiKey.withScopes(KEY, "query:read"))
                .start();
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void warnsWhenPostHogBlanksTheKeysOfOlderEvents() {
        capture(AS_OF.minus(Duration.ofDays(60)), AS_OF.minus(Duration.ofDays(30)), AS_OF.minus(Duration.ofDays(1)));
        Instant start = AS_OF.minus(Duration.ofDays(180));

        assertThat(GroupKeyCoverage.check(this::runOnEmulator, Dialect.HOGQL, 0, AS_OF, start))
                .as("the group type is older than every event")
                .isEmpty();

        posthog.groupTypeCreatedAt(1, "company", AS_OF.minus(Duration.ofDays(40)));
        Optional<String> warning = GroupKeyCoverage.check(this::runOnEmulator, Dialect.HOGQL, 0, AS_OF, start);
        assertThat(warning).hasValueSatisfying(w -> assertThat(w)
                .startsWith("Warning: events before " + AS_OF.minus(Duration.ofDays(30)) + " have no company key")
                .contains("180 days"));
    }

    private void capture(Instant... times) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (Instant time : times) {
            batch.add(Map.of(
                    "event",
                    "report_viewed",
                    "distinct_id",
                    "ann",
                    "timestamp",
                    time.toString(),
                    "properties",
                    Map.of("$groups", Map.of("company", "acme"))));
        }
        TestHttp.Reply reply =
                TestHttp.to(posthog.baseUrl()).post("/batch/", Json.write(Map.of("api_key", TOKEN, "batch", batch)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private ResultRows runOnEmulator(RenderedQuery query) {
        return HogQlOnEmulator.run(posthog.baseUrl(), KEY, query);
    }
}
