package dev.beton.detection;

import dev.beton.posthog.PostHogGateway;
import dev.beton.posthog.PostHogTarget;
import dev.beton.query.QueryRunner;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The one place detection reaches PostHog through: every query of a run and the group-type
 * lookup go through the gateway, so they spend the project's budget, are retried and pass its
 * circuit breaker; detection queries are never cached ({@code force_blocking}).
 */
@Component
class PostHogRunners {

    private final PostHogGateway gateway;

    PostHogRunners(PostHogGateway gateway) {
        this.gateway = gateway;
    }

    QueryRunner detectionRunner(PostHogTarget target) {
        return gateway.detectionRunner(target);
    }

    /** A metadata read such as {@code /groups_types/}: PostHog counts it as a CRUD call. */
    <T> T metadata(PostHogTarget target, Supplier<T> call) {
        return gateway.crud(target, call);
    }
}
