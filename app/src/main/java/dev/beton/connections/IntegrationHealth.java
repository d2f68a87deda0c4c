package dev.beton.connections;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/health} contributors {@code posthog} and {@code attio} (group {@code
 * integrations}): the last known state of the instance's active connections, from their last
 * validation or test, without calling out on every probe. Details are counts only: which
 * workspace is failing is for that workspace's admins ({@code POST …/test}), not for anyone who
 * can read the health endpoint.
 *
 * <p>An integration whose every connection fails reports {@link #FAILING}, not DOWN: Beton itself
 * still serves pages, capture and detection on its own store, so a load balancer or orchestrator
 * probing the root {@code /actuator/health} must not take the instance out of service for a
 * revoked PostHog key. The {@code integrations} group maps FAILING to 503 for whoever alerts on
 * integrations; the root maps it to 200.
 */
@Configuration
class IntegrationHealth {

    /** Works, with a caveat: missing scopes, rate limited. Reported with HTTP 200. */
    static final Status DEGRADED = new Status("DEGRADED", "some connections work with caveats");

    /** Every active connection of the integration failed its last check. */
    static final Status FAILING = new Status("FAILING", "every connection failed its last check");

    @Bean("posthog")
    HealthIndicator posthogHealth(ConnectionStore store) {
        return () -> health(store.activeByState(Integration.POSTHOG));
    }

    @Bean("attio")
    HealthIndicator attioHealth(ConnectionStore store) {
        return () -> health(store.activeByState(Integration.ATTIO));
    }

    static Health health(Map<ValidationState, Long> byState) {
        long ok = byState.getOrDefault(ValidationState.OK, 0L);
        long degraded = byState.getOrDefault(ValidationState.DEGRADED, 0L);
        long failed = byState.getOrDefault(ValidationState.FAILED, 0L);
        long unchecked = byState.getOrDefault(ValidationState.UNCHECKED, 0L);
        Health.Builder health;
        String reason;
        if (failed > 0 && ok + degraded == 0) {
            health = Health.status(FAILING);
            reason = "every connection failed its last check";
        } else if (failed > 0 || degraded > 0) {
            health = Health.status(DEGRADED);
            reason = failed > 0
                    ? "some connections failed their last check"
                    : "some connections lack scopes or were rate limited";
        } else {
            health = Health.up();
            reason = ok + unchecked == 0 ? "no connection configured" : "all connections passed their last check";
        }
        return health.withDetail("reason", reason)
                .withDetail("ok", ok)
                .withDetail("degraded", degraded)
                .withDetail("failed", failed)
                .withDetail("unchecked", unchecked)
                .build();
    }
}
