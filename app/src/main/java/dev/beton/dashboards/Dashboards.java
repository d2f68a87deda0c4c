package dev.beton.dashboards;

import dev.beton.posthog.PostHogCacheProperties;
import dev.beton.posthog.QueryCategory;
import dev.beton.query.ResultRows;
import dev.beton.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The four dashboards with their numbers, as of now, for a period. Each tile is cached per
 * workspace, dashboard, tile and period for its dashboard's TTL (seed 001's, the same figures as
 * the PostHog query cache: {@code beton.posthog.cache.*}); {@code refresh} recomputes.
 */
@Service
public class Dashboards {

    public static final List<Integer> PERIODS = List.of(7, 30, 90);
    /** Tiles kept at most; 4 dashboards × 25 tiles × 3 periods is 300 per workspace. */
    private static final int MAX_ENTRIES = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(Dashboards.class);

    private final NativeTiles tiles;
    private final PostHogCacheProperties ttls;
    private final Clock clock;
    private final Map<String, TileView> cache = new ConcurrentHashMap<>();

    Dashboards(NativeTiles tiles, PostHogCacheProperties ttls, Clock clock) {
        this.tiles = tiles;
        this.ttls = ttls;
        this.clock = clock;
    }

    public static DashboardDefinition definition(String id) {
        return DashboardCatalog.find(id)
                .orElseThrow(() -> ProblemException.notFound("There is no dashboard '" + id + "'. Dashboards: "
                        + DashboardCatalog.all().stream()
                                .map(DashboardDefinition::id)
                                .toList() + "."));
    }

    /** @param periodDays 7, 30 or 90; empty = the dashboard's default */
    public DashboardView view(long workspaceId, String id, Optional<Integer> periodDays, boolean refresh) {
        DashboardDefinition dashboard = definition(id);
        int days = period(dashboard, periodDays);
        return new DashboardView(
                dashboard.id(),
                dashboard.version(),
                dashboard.title(),
                dashboard.description(),
                dashboard.refreshText(),
                days,
                views(workspaceId, dashboard, days, refresh, dashboard.tiles()));
    }

    /** One tile of a dashboard; only this tile is computed when it is not cached. */
    public TileView tile(long workspaceId, String id, String tileId, Optional<Integer> periodDays) {
        DashboardDefinition dashboard = definition(id);
        TileDefinition tile = tileOf(dashboard, tileId);
        return views(workspaceId, dashboard, period(dashboard, periodDays), false, List.of(tile))
                .getFirst();
    }

    /**
     * The accounts behind one element of a chart tile (a slice, a week, a bucket; {@link
     * TileDrills}), computed when asked: a drill-down is one click, not a page's worth of tiles.
     */
    public DrillView drill(long workspaceId, String id, String tileId, String value, Optional<Integer> periodDays) {
        DashboardDefinition dashboard = definition(id);
        TileDefinition tile = tileOf(dashboard, tileId);
        if (!TileDrills.has(tileId)) {
            throw ProblemException.notFound("The tile '" + tileId + "' has no drill-down to accounts"
                    + (tile.accountColumn().isPresent() ? ": its rows are accounts, each links to its page." : "."));
        }
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("Say which element of the tile to drill into: ?value=… (a "
                    + tile.x().orElse("column") + " of the tile).");
        }
        int days = period(dashboard, periodDays);
        Instant now = clock.instant();
        NativeTiles.Available available = tiles.available(workspaceId, now, days, tile.needs());
        if (available.eventsFailure().isPresent()) {
            throw ProblemException.conflict("The accounts could not be listed: "
                    + available.eventsFailure().get());
        }
        List<DataNeed> missing = tile.needs().stream()
                .filter(n -> !available.present().contains(n))
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw ProblemException.conflict("Missing: " + missing.getFirst().label() + ". "
                    + missing.getFirst().howToSend());
        }
        ResultRows rows = tiles.drill(workspaceId, tileId, value.trim(), available, now, days);
        boolean more = rows.rows().size() > TileDrills.ROWS;
        return new DrillView(
                dashboard.id(),
                dashboard.title(),
                tile.id(),
                tile.title(),
                value.trim(),
                days,
                rows.columns(),
                more ? rows.rows().subList(0, TileDrills.ROWS) : rows.rows(),
                more,
                now);
    }

    private static TileDefinition tileOf(DashboardDefinition dashboard, String tileId) {
        return dashboard.tiles().stream()
                .filter(t -> t.id().equals(tileId))
                .findFirst()
                .orElseThrow(() ->
                        ProblemException.notFound("Dashboard " + dashboard.id() + " has no tile '" + tileId + "'."));
    }

    private static int period(DashboardDefinition dashboard, Optional<Integer> periodDays) {
        int days = periodDays.orElse(dashboard.defaultPeriodDays());
        if (!PERIODS.contains(days)) {
            throw ProblemException.badRequest("The period is 7, 30 or 90 days, not " + days + ".");
        }
        return days;
    }

    /** The given tiles of the dashboard, in their order: cached ones as cached, the others computed. */
    private List<TileView> views(
            long workspaceId, DashboardDefinition dashboard, int days, boolean refresh, List<TileDefinition> which) {
        Instant now = clock.instant();
        Map<String, TileView> views = new LinkedHashMap<>();
        List<TileDefinition> stale = new ArrayList<>();
        for (TileDefinition tile : which) {
            TileView cached = fresh(workspaceId, dashboard, tile, days, now);
            if (!refresh && cached != null) {
                views.put(tile.id(), cached);
            } else {
                views.put(tile.id(), null);
                stale.add(tile);
            }
        }
        if (!stale.isEmpty()) {
            Set<DataNeed> wanted = EnumSet.noneOf(DataNeed.class);
            stale.forEach(t -> wanted.addAll(t.needs()));
            NativeTiles.Available available = tiles.available(workspaceId, now, days, wanted);
            Map<String, ResultRows> shared = accountHealth(workspaceId, dashboard, stale, available, now, days);
            for (TileDefinition tile : stale) {
                TileView view = compute(
                        workspaceId, dashboard, tile, available, now, days, Optional.ofNullable(shared.get(tile.id())));
                if (cache.size() >= MAX_ENTRIES) {
                    cache.clear();
                }
                cache.put(key(workspaceId, dashboard, tile, days), view);
                views.put(tile.id(), view);
            }
        }
        return List.copyOf(views.values());
    }

    /** Whether the tile's numbers for the period are cached and fresh (a tile asked alone is computed alone). */
    boolean isCached(long workspaceId, String id, String tileId, int days) {
        DashboardDefinition dashboard = definition(id);
        Instant now = clock.instant();
        return dashboard.tiles().stream()
                .filter(t -> t.id().equals(tileId))
                .anyMatch(t -> fresh(workspaceId, dashboard, t, days, now) != null);
    }

    /** The tile's cached numbers for the period while within the dashboard's TTL, else null. */
    private TileView fresh(
            long workspaceId, DashboardDefinition dashboard, TileDefinition tile, int days, Instant now) {
        TileView cached = cache.get(key(workspaceId, dashboard, tile, days));
        return cached != null
                        && cached.refreshedAt().plus(ttl(dashboard.cache())).isAfter(now)
                ? cached
                : null;
    }

    private static String key(long workspaceId, DashboardDefinition dashboard, TileDefinition tile, int days) {
        return workspaceId + "|" + dashboard.id() + "@" + dashboard.version() + "|" + tile.reference() + "|" + days;
    }

    /**
     * The stale Account Health tiles whose data is there, computed together from the usage rollup
     * ({@link AccountHealthPass}: only these tiles' reads, so one cold tile costs one tile, and a
     * cold page shares its reads, docs/PERFORMANCE.md). Empty when the pass fails: each tile then
     * runs (and reports) its own query.
     */
    private Map<String, ResultRows> accountHealth(
            long workspaceId,
            DashboardDefinition dashboard,
            List<TileDefinition> stale,
            NativeTiles.Available available,
            Instant now,
            int days) {
        if (!dashboard.id().equals(DashboardCatalog.ACCOUNT_HEALTH) || !available.embedded()) {
            return Map.of();
        }
        Set<String> ids = new HashSet<>();
        for (TileDefinition tile : stale) {
            if (AccountHealthPass.TILES.contains(tile.id())
                    && available.present().containsAll(tile.needs())) {
                ids.add(tile.id());
            }
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        try {
            return tiles.accountHealth(workspaceId, available, now, days, ids);
        } catch (RuntimeException e) {
            LOG.warn("Account Health tiles of workspace {} computed one by one: {}", workspaceId, e.toString());
            return Map.of();
        }
    }

    Duration ttl(QueryCategory category) {
        return switch (category) {
            case OVERVIEW -> ttls.overview();
            case PQL_PERFORMANCE -> ttls.pqlPerformance();
            case BACKTESTING -> ttls.backtesting();
            case SIGNAL_EVENTS -> ttls.signalEvents();
            case AD_HOC -> ttls.adHoc();
            case DETECTION -> Duration.ZERO;
        };
    }

    private TileView compute(
            long workspaceId,
            DashboardDefinition dashboard,
            TileDefinition tile,
            NativeTiles.Available available,
            Instant now,
            int days,
            Optional<ResultRows> precomputed) {
        List<TileView.Missing> missing = tile.needs().stream()
                .filter(n -> !available.present().contains(n))
                .sorted()
                .map(n -> new TileView.Missing(n.label(), n.howToSend()))
                .toList();
        Optional<String> queryId =
                tile.query().map(q -> TileDefinition.queryId(dashboard.id(), tile.id()) + "@" + tile.version());
        if (available.eventsFailure().isPresent() && tile.needs().stream().anyMatch(DataNeed::readsEvents)) {
            // The chosen event source (PostHog, ClickHouse) cannot be asked: say why, not "missing".
            return view(
                    tile,
                    "failed",
                    List.of(),
                    Optional.of("This tile could not be computed: "
                            + available.eventsFailure().get()),
                    ResultRows.empty(List.of()),
                    queryId,
                    now);
        }
        if (!missing.isEmpty()) {
            return view(tile, "missing_data", missing, Optional.empty(), ResultRows.empty(List.of()), queryId, now);
        }
        try {
            ResultRows rows = precomputed.isPresent()
                    ? precomputed.get()
                    : tiles.compute(workspaceId, tile, available, now, days);
            return view(tile, "ok", List.of(), Optional.empty(), rows, queryId, now);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Dashboard tile {}/{} failed in workspace {}: {}",
                    dashboard.id(),
                    tile.id(),
                    workspaceId,
                    e.toString());
            return view(
                    tile,
                    "failed",
                    List.of(),
                    Optional.of("This tile could not be computed: " + e.getMessage()),
                    ResultRows.empty(List.of()),
                    queryId,
                    now);
        }
    }

    private static TileView view(
            TileDefinition tile,
            String status,
            List<TileView.Missing> missing,
            Optional<String> error,
            ResultRows rows,
            Optional<String> queryId,
            Instant now) {
        return new TileView(
                tile.id(),
                tile.version(),
                tile.title(),
                tile.description(),
                tile.visualisation().key(),
                status,
                missing,
                error,
                rows.columns(),
                rows.rows(),
                tile.x(),
                tile.y(),
                tile.accountColumn(),
                queryId,
                now);
    }
}
