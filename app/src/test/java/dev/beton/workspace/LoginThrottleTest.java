package dev.beton.workspace;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.emulator.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The login throttle's backoff, per account and per address, on a fake clock. */
class LoginThrottleTest {

    final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    final LoginThrottle throttle =
            new LoginThrottle(new LoginProperties(3, 5, Duration.ofSeconds(1), Duration.ofSeconds(60), 1, 8), clock);

    @Test
    void anAccountWaitsAfterItsFreeFailuresAndTheWaitDoubles() {
        for (int i = 0; i < 3; i++) {
            throttle.check("ann@x.test", "10.0.0.1");
            throttle.failed("ann@x.test", "10.0.0." + i);
        }
        assertThatThrownBy(() -> throttle.check("ANN@x.test", "10.0.0.9"))
                .isInstanceOf(LoginThrottled.class)
                .hasMessageContaining("try again in 1 seconds");

        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.check("ann@x.test", "10.0.0.9")).doesNotThrowAnyException();
        throttle.failed("ann@x.test", "10.0.0.9");
        assertThatThrownBy(() -> throttle.check("ann@x.test", "10.0.0.9"))
                .isInstanceOf(LoginThrottled.class)
                .hasMessageContaining("try again in 2 seconds");
        assertThatCode(() -> throttle.check("bob@x.test", "10.0.0.50"))
                .as("other accounts from other addresses are not slowed")
                .doesNotThrowAnyException();
    }

    @Test
    void theBackoffStopsAtItsMaximum() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("cy@x.test", "10.1.0." + i);
        }
        assertThatThrownBy(() -> throttle.check("cy@x.test", "10.2.0.1"))
                .isInstanceOf(LoginThrottled.class)
                .hasMessageContaining("try again in 60 seconds");
        clock.advance(Duration.ofSeconds(60));
        assertThatCode(() -> throttle.check("cy@x.test", "10.2.0.1")).doesNotThrowAnyException();
    }

    @Test
    void anAddressGuessingManyAccountsWaitsEvenForAFreshOne() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i + "@x.test", "192.0.2.7");
        }
        assertThatThrownBy(() -> throttle.check("fresh@x.test", "192.0.2.7")).isInstanceOf(LoginThrottled.class);
        assertThatCode(() -> throttle.check("fresh@x.test", "192.0.2.8")).doesNotThrowAnyException();
    }

    @Test
    void aSuccessClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("dee@x.test", "198.51.100.1");
        }
        throttle.succeeded("dee@x.test");
        assertThatCode(() -> throttle.check("dee@x.test", "198.51.100.2")).doesNotThrowAnyException();
        assertThatThrownBy(() -> throttle.check("dee@x.test", "198.51.100.1")).isInstanceOf(LoginThrottled.class);
    }
}
