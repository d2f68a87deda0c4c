package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.beton.emulator.MutableClock;
import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** At 80 % of an hourly budget Beton warns once per clock hour, and never names the key. */
class PostHogBudgetWarningTest {

    private static final String KEY = "phx_warningTestKey0123456789abcdefghijklmnopqr";

    private final MutableClock clock = MutableClock.at("2026-12-01T09:10:00Z");
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(PostHogBudget.class);

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    @Test
    void warnsOncePerHourWindowFromEightyPercent() {
        PostHogGateway gateway = PostHogGateway.builder(clock)
                .budget(new PostHogBudgetProperties(2000, 240, 1200, 480, 10, 0.8))
                .build();
        PostHogTarget target = new PostHogTarget(
                PostHogTestClients.forHost(URI.create("https://us.posthog.com"), Duration.ofSeconds(1)),
                Secret.of(KEY),
                9);

        for (int i = 0; i < 7; i++) {
            gateway.crud(target, () -> "sent");
        }
        assertThat(log.list).isEmpty();
        assertThat(gateway.usage(URI.create("https://us.posthog.com"), 9).nearlyUsed())
                .isFalse();

        for (int i = 0; i < 3; i++) {
            gateway.crud(target, () -> "sent");
        }
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .contains("80 % of its crud budget")
                    .contains("https://us.posthog.com/9")
                    .doesNotContain(KEY);
        });

        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 8; i++) {
            gateway.crud(target, () -> "sent");
        }
        assertThat(log.list).hasSize(2);
    }
}
