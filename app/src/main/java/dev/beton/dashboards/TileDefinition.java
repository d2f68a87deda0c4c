package dev.beton.dashboards;

import dev.beton.query.QueryDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One tile of a dashboard: a named, versioned query of the query library (the same definition
 * renders to DuckDB for Beton's own page and to HogQL for the PostHog insight), how it is drawn,
 * and the data it needs. PQL-performance and backtesting tiles read the backtest package's results
 * natively ({@link Source}); those with a {@code query} are also provisioned into PostHog.
 *
 * @param id lower-case snake_case, unique within its dashboard
 * @param version bumped whenever the tile's query or meaning changes; the migrator updates the
 *     PostHog insight on the next provisioning
 * @param x column holding the categories (empty: a single row whose columns are the categories)
 * @param y columns holding the values
 * @param accountColumn the column naming an account, for drill-down (empty when there is none)
 */
public record TileDefinition(
        String id,
        int version,
        String title,
        String description,
        Visualisation visualisation,
        Set<DataNeed> needs,
        Source source,
        Optional<TileQuery> query,
        Optional<String> x,
        List<String> y,
        Optional<String> accountColumn) {

    /** Where the native page takes the tile's numbers from. */
    public enum Source {
        /** The tile's query on the workspace's embedded store. */
        QUERY,
        /** {@code backtest.PqlPerformance} from the CRM mirror. */
        PQL_PERFORMANCE,
        /** The latest finished backtest's report. */
        BACKTEST
    }

    /** Builds the tile's library query for a workspace's company group index and a period in days. */
    @FunctionalInterface
    public interface TileQuery {
        QueryDefinition build(int companyGroupIndex, int periodDays);
    }

    public TileDefinition {
        if (!id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("A tile id is lower-case snake_case, got " + id);
        }
        if (version < 1) {
            throw new IllegalArgumentException("Tile " + id + " needs a version >= 1");
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        needs = Set.copyOf(needs);
        y = List.copyOf(y);
        if (source == Source.QUERY && query.isEmpty()) {
            throw new IllegalArgumentException("Tile " + id + " reads a query but has none");
        }
    }

    /** The query library id of this tile's query on dashboard {@code dashboardId}. */
    public static String queryId(String dashboardId, String tileId) {
        return "dashboard." + dashboardId.replace('-', '_') + "." + tileId;
    }

    /** {@code id@version}, how the registry and migrations refer to it. */
    public String reference() {
        return id + "@" + version;
    }
}
