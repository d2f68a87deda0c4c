package dev.beton.query;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * A workspace's active event source as inspection rules and the data explorer see it: it renders a
 * query-model {@link Query} in its own dialect (for the SQL a page shows) and runs it. Implemented
 * for the embedded store (DuckDB), PostHog (HogQL through the gateway's budget) and ClickHouse (the
 * server's version and the workspace's schema mapping); obtained per workspace from {@code
 * detection.QuerySources}.
 */
public interface EventQuerySource {

    /** Which dialect renders here; ClickHouse renders with its server's own adaptation. */
    Dialect dialect();

    /** The group type index under which queries address the account; empty when there is none yet. */
    OptionalInt accountGroupIndex();

    RenderedQuery render(Query query, Instant asOf);

    /** Renders and runs; failures are the adapter's unchecked exceptions, with a sentence. */
    default ResultRows run(Query query, Instant asOf) {
        return runner().run(render(query, asOf));
    }

    QueryRunner runner();

    /** For pages and errors: "the embedded store", "PostHog project 12 at …", "ClickHouse 18.16.1 at …". */
    String description();
}
