package dev.beton.query;

import java.time.Instant;

/** Where a query runs. Each dialect renders the whole query model. */
public enum Dialect {
    /** The embedded warehouse: DuckDB SQL, {@code ?} parameters bound positionally over JDBC. */
    DUCKDB,
    /** PostHog's SQL: {@code {name}} placeholders bound from the query's {@code values}. */
    HOGQL,
    /**
     * ClickHouse holding PostHog-style data, with the default schema mapping and the functions of
     * current ClickHouse; a source that knows its server's version and mapping renders through
     * {@link ClickHouseDialect} instead. {@code {name:Type}} placeholders.
     */
    CLICKHOUSE;

    /** Renders {@code query} with every window and {@code asOf} bound relative to {@code asOf}. */
    public RenderedQuery render(Query query, Instant asOf) {
        SqlRenderer renderer =
                switch (this) {
                    case DUCKDB -> new DuckDbRenderer();
                    case HOGQL -> new HogQlRenderer();
                    case CLICKHOUSE ->
                        new ClickHouseRenderer(ClickHouseDialect.current().accountIndexFrom(query));
                };
        return renderer.render(query, asOf);
    }
}
