package dev.beton.posthog;

import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.workspace.credentials.Secret;
import java.util.Objects;

/**
 * The PostHog Query API as the {@link QueryRunner} detection uses, for one project: every run is
 * {@code force_blocking}, because a detection run must see current data, never a cached answer.
 */
public final class PostHogQueryRunner implements QueryRunner {

    static final String FORCE_BLOCKING = "force_blocking";

    private final PostHogClient client;
    private final Secret key;
    private final long projectId;

    private PostHogQueryRunner(PostHogClient client, Secret key, long projectId) {
        this.client = Objects.requireNonNull(client);
        this.key = Objects.requireNonNull(key);
        this.projectId = projectId;
    }

    public static PostHogQueryRunner of(PostHogClient client, Secret key, long projectId) {
        return new PostHogQueryRunner(client, key, projectId);
    }

    @Override
    public ResultRows run(RenderedQuery query) {
        return client.query(key, projectId, query, FORCE_BLOCKING);
    }
}
