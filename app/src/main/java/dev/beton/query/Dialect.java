package dev.beton.query;

import java.time.Instant;

/** Where a query runs. Each dialect renders the whole query model. */
public enum Dialect {
    /** The embedded warehouse: DuckDB SQL, {@code ?} parameters bound positionally over JDBC. */
    DUCKDB,
    /** PostHog's SQL: {@code {name}} placeholders bound from the query's {@code values}. */
    HOGQL;

    /** Renders {@code query} with every window and {@code asOf} bound relative to {@code asOf}. */
    public RenderedQuery render(Query query, Instant asOf) {
        SqlRenderer renderer =
                switch (this) {
                    case DUCKDB -> new DuckDbRenderer();
                    case HOGQL -> new HogQlRenderer();
                };
        return renderer.render(query, asOf);
    }
}
