package dev.beton.detection;

import dev.beton.clickhouse.ClickHouseQueryRunner;
import dev.beton.clickhouse.ClickHouseServer;
import dev.beton.connections.ClickHouseLink;
import dev.beton.connections.ClickHouseLinks;
import dev.beton.connections.EventSource;
import dev.beton.connections.EventSources;
import dev.beton.query.ClickHouseDialect;
import dev.beton.query.Dialect;
import dev.beton.query.EventQuerySource;
import dev.beton.query.Query;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.time.Instant;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * The workspace's active event source for inspection rules and the explorer: the embedded store
 * and PostHog as detection reads them (PostHog through the gateway's budget), or the connected
 * ClickHouse server. A ClickHouse source opens one client per {@link EventQuerySource#run}: the
 * client-v2 pool is per instance, and rules and explorer pages run a handful of queries at most.
 */
@Component
public class QuerySources {

    private final EventSources sources;
    private final DetectionSources detection;
    private final ClickHouseLinks clickhouse;

    QuerySources(EventSources sources, DetectionSources detection, ClickHouseLinks clickhouse) {
        this.sources = sources;
        this.detection = detection;
        this.clickhouse = clickhouse;
    }

    /**
     * @throws dev.beton.connections.PostHogNotConnected when PostHog is chosen but unusable
     * @throws dev.beton.connections.ClickHouseNotConnected when ClickHouse is chosen but untested
     * @throws dev.beton.clickhouse.ClickHouseFailure when the ClickHouse server does not answer
     */
    public EventQuerySource of(long workspaceId) {
        if (sources.of(workspaceId) == EventSource.CLICKHOUSE) {
            return clickhouse(clickhouse.require(workspaceId));
        }
        DetectionSource source = detection.of(workspaceId);
        return new EventQuerySource() {
            @Override
            public Dialect dialect() {
                return source.dialect();
            }

            @Override
            public OptionalInt accountGroupIndex() {
                return source.companyIndex();
            }

            @Override
            public RenderedQuery render(Query query, Instant asOf) {
                return source.dialect().render(query, asOf);
            }

            @Override
            public QueryRunner runner() {
                return source.runner();
            }

            @Override
            public String description() {
                return source.description();
            }
        };
    }

    /** The server's version is read once, when the source is made, to choose its functions. */
    static EventQuerySource clickhouse(ClickHouseLink link) {
        String version;
        try (ClickHouseServer server = ClickHouseServer.open(link.settings())) {
            version = server.version();
        }
        ClickHouseDialect dialect = ClickHouseDialect.forServer(link.schema(), version);
        String description = "ClickHouse " + version + " at " + link.settings().endpoint() + "/"
                + link.settings().database();
        QueryRunner runner = query -> {
            try (ClickHouseServer server = ClickHouseServer.open(link.settings())) {
                return new ClickHouseQueryRunner(server).run(query);
            }
        };
        return new EventQuerySource() {
            @Override
            public Dialect dialect() {
                return Dialect.CLICKHOUSE;
            }

            @Override
            public OptionalInt accountGroupIndex() {
                return OptionalInt.of(link.schema().accountGroupIndex());
            }

            @Override
            public RenderedQuery render(Query query, Instant asOf) {
                return dialect.render(query, asOf);
            }

            @Override
            public ResultRows run(Query query, Instant asOf) {
                return runner.run(render(query, asOf));
            }

            @Override
            public QueryRunner runner() {
                return runner;
            }

            @Override
            public String description() {
                return description;
            }
        };
    }
}
