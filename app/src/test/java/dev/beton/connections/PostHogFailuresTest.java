package dev.beton.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.beton.emulator.MutableClock;
import dev.beton.posthog.PostHogBudgetProperties;
import dev.beton.posthog.PostHogException;
import dev.beton.posthog.PostHogGateway;
import dev.beton.posthog.PostHogRetryProperties;
import dev.beton.posthog.PostHogTarget;
import dev.beton.posthog.PostHogTestClients;
import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The gateway's own refusals, budget and breaker, as sentences for the Connections page. */
class PostHogFailuresTest {

    private static final String KEY = "phx_failuresTestKey0123456789abcdefghijklmnopq";
    private static final URI HOST = URI.create("https://eu.posthog.com");

    private final MutableClock clock = MutableClock.at("2026-12-01T10:15:30Z");
    private final PostHogTarget target =
            new PostHogTarget(PostHogTestClients.forHost(HOST, Duration.ofSeconds(1)), Secret.of(KEY), 5);

    @Test
    void anExhaustedBudgetSaysWhenQueriesResume() {
        PostHogGateway gateway = PostHogGateway.builder(clock)
                .budget(new PostHogBudgetProperties(2000, 240, 1200, 1, 4800, 0.8))
                .build();
        gateway.crud(target, () -> "sent");

        PostHogException.BudgetExhausted refused =
                catchThrowableOfType(PostHogException.BudgetExhausted.class, () -> gateway.crud(target, () -> "sent"));
        ConnectionFailure failure = PostHogFailures.translate(refused, HOST);

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.getMessage())
                .contains("budget of calls")
                .contains("2026-12-01T10:16:00Z")
                .doesNotContain(KEY);
    }

    @Test
    void anOpenBreakerSaysWhenBetonTriesAgain() {
        PostHogGateway gateway = PostHogGateway.builder(clock)
                .retry(new PostHogRetryProperties(
                        1,
                        Duration.ofSeconds(1),
                        2,
                        0,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1,
                        1,
                        50f,
                        Duration.ofSeconds(60)))
                .build();
        catchThrowableOfType(
                PostHogException.Unreachable.class,
                () -> gateway.crud(target, () -> {
                    throw unreachable();
                }));

        PostHogException.CircuitOpen open =
                catchThrowableOfType(PostHogException.CircuitOpen.class, () -> gateway.crud(target, () -> "sent"));
        ConnectionFailure failure = PostHogFailures.translate(open, HOST);

        assertThat(failure.type()).isEqualTo(ErrorType.CONNECTION_ERROR);
        assertThat(failure.getMessage()).contains(HOST.toString()).contains("2026-12-01T10:16:30Z");
    }

    // A real Unreachable, from a client pointed at a port nothing listens on.
    private static PostHogException unreachable() {
        try {
            PostHogTestClients.forHost(URI.create("http://127.0.0.1:9"), Duration.ofMillis(500))
                    .me(Secret.of(KEY));
        } catch (PostHogException e) {
            return e;
        }
        throw new AssertionError("port 9 answered");
    }
}
