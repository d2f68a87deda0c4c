package dev.beton.detection;

import dev.beton.posthog.PostHogQueryRunner;
import dev.beton.posthog.PostHogTarget;
import dev.beton.query.QueryRunner;
import org.springframework.stereotype.Component;

/**
 * The one place detection gets its PostHog query runner from. Today it is the bare Query API
 * runner ({@code force_blocking}); once the query budget, retries and breaker exist, this is
 * where the budgeted runner is handed out instead, and nothing else in detection changes.
 */
@Component
class PostHogRunners {

    QueryRunner detectionRunner(PostHogTarget target) {
        return PostHogQueryRunner.of(target.client(), target.key(), target.projectId());
    }
}
