package dev.beton.query;

/**
 * Runs a rendered query on a warehouse and returns its rows: the port that the embedded DuckDB and
 * the PostHog Query API adapters implement. Failures are unchecked exceptions of the adapter
 * (rate limited, unreachable, rejected query); an adapter that is interrupted restores the
 * thread's interrupt flag before throwing.
 */
@FunctionalInterface
public interface QueryRunner {

    ResultRows run(RenderedQuery query);
}
