package dev.beton.posthog;

import dev.beton.query.ResultRows;
import java.util.Objects;

/**
 * One answer of the Query API with PostHog's word on whether rows were left out.
 *
 * @param rows the rows PostHog returned
 * @param hasMore true when PostHog's own paginator (a query without {@code LIMIT}, capped at
 *     100 rows) held rows back. A query with an explicit {@code LIMIT} is never paginated and
 *     PostHog leaves {@code hasMore} out (read as false here): compare the row count with the
 *     limit instead, as {@link PostHogKeysetPager} does.
 */
record PostHogQueryPage(ResultRows rows, boolean hasMore) {

    public PostHogQueryPage {
        Objects.requireNonNull(rows, "rows");
    }
}
