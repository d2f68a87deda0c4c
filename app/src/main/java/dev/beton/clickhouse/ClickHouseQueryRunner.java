package dev.beton.clickhouse;

import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;

/** Runs ClickHouse renderings on one server, their placeholders bound as literals. */
public record ClickHouseQueryRunner(ClickHouseServer server) implements QueryRunner {

    @Override
    public ResultRows run(RenderedQuery query) {
        if (query.dialect() != Dialect.CLICKHOUSE) {
            throw new IllegalArgumentException("ClickHouse runs ClickHouse queries, not " + query.dialect());
        }
        return server.query(Placeholders.bind(query));
    }
}
