package dev.beton.query;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a rendered query on a warehouse and returns its rows: the port that the embedded DuckDB and
 * the PostHog Query API adapters implement. Failures are unchecked exceptions of the adapter
 * (rate limited, unreachable, rejected query); an adapter that is interrupted restores the
 * thread's interrupt flag before throwing.
 */
@FunctionalInterface
public interface QueryRunner {

    ResultRows run(RenderedQuery query);

    /**
     * Hands the rows to {@code each} one at a time, in the query's order, as {@link #run} would
     * return them. For results too large to hold as rows (a backtest's scans over all events): an
     * adapter that can read them as they come overrides this; by default the query runs and its
     * rows are handed out.
     */
    default void forEachRow(RenderedQuery query, Consumer<List<Object>> each) {
        run(query).rows().forEach(each);
    }
}
