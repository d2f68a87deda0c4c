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

    /**
     * @throws IllegalStateException when PostHog held rows back (a query without {@code LIMIT}
     *     gets 100 rows): detection on part of the accounts would fire wrong signals, so the
     *     query must say its {@code LIMIT} (at most {@value PostHogClient#MAX_LIMIT})
     */
    @Override
    public ResultRows run(RenderedQuery query) {
        PostHogQueryPage page = client.queryPage(key, projectId, query, FORCE_BLOCKING);
        if (page.hasMore()) {
            throw new IllegalStateException(
                    "PostHog returned only the first " + page.rows().rows().size()
                            + " rows of a query without LIMIT and held the rest back; give the query an explicit LIMIT"
                            + " (at most " + PostHogClient.MAX_LIMIT + ") or page it with PostHogKeysetPager.");
        }
        return page.rows();
    }
}
