package dev.beton.dashboards;

import dev.beton.connections.PostHogLink;
import dev.beton.connections.PostHogLinks;
import dev.beton.connections.PostHogNotConnected;
import dev.beton.posthog.PostHogBoards;
import dev.beton.posthog.PostHogClients;
import dev.beton.posthog.PostHogException;
import dev.beton.posthog.PostHogTarget;
import dev.beton.signals.CompanyGroupType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Provisions the four dashboards into the workspace's PostHog project, idempotently: each
 * dashboard and insight is found by the registry, else by Beton's tags, else by the description
 * marker, and updated in place; only what is missing is created. A tile whose version changed gets
 * its insight's query updated (the migrator), a tile no longer defined gets its insight
 * soft-deleted; both are recorded in {@code dashboard_migrations}. Names carry the prefix
 * {@value #NAME_PREFIX} (PostHog's API has no folders for dashboards).
 *
 * <p>One provisioning per workspace at a time (the automatic one after connecting and a click on
 * "Provision" may meet), so two runs never both create.
 */
@Service
public class Provisioner {

    static final String NAME_PREFIX = "Beton · ";
    static final String TAG = "beton";

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    private final PostHogLinks links;
    private final PostHogClients clients;
    private final PostHogBoards boards;
    private final DashboardRegistry registry;
    private final Clock clock;
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    Provisioner(
            PostHogLinks links, PostHogClients clients, PostHogBoards boards, DashboardRegistry registry, Clock clock) {
        this.links = links;
        this.clients = clients;
        this.boards = boards;
        this.registry = registry;
        this.clock = clock;
    }

    /** Provisions every dashboard of the catalog. Never throws for PostHog failures: the result says. */
    public ProvisionResult provision(long workspaceId) {
        return provision(workspaceId, DashboardCatalog.all());
    }

    ProvisionResult provision(long workspaceId, List<DashboardDefinition> dashboards) {
        ReentrantLock lock = locks.computeIfAbsent(workspaceId, id -> new ReentrantLock());
        lock.lock();
        try {
            return run(workspaceId, dashboards);
        } finally {
            lock.unlock();
        }
    }

    private ProvisionResult run(long workspaceId, List<DashboardDefinition> dashboards) {
        PostHogTarget target;
        PostHogLink link;
        PostHogBoards.Tagging tagging;
        List<PostHogBoards.Board> live;
        List<String> warnings = new ArrayList<>();
        int company;
        try {
            link = links.require(workspaceId);
            target = new PostHogTarget(clients.forHost(link.host()), link.key(), link.projectId());
            tagging = boards.tagging(target);
            live = boards.dashboards(target);
            company = companyIndex(target, warnings);
        } catch (PostHogNotConnected | PostHogException e) {
            return new ProvisionResult(false, null, List.of(), warnings, ProvisionFailures.sentence(e));
        }
        Run run = new Run(workspaceId, target, link, tagging == PostHogBoards.Tagging.AVAILABLE, live, company);
        List<ProvisionResult.Dashboard> results = new ArrayList<>();
        String firstError = null;
        for (DashboardDefinition dashboard : dashboards) {
            try {
                results.add(run.dashboard(dashboard));
            } catch (PostHogException e) {
                String sentence = ProvisionFailures.sentence(e);
                firstError = firstError == null ? sentence : firstError;
                LOG.warn(
                        "Provisioning dashboard {} in workspace {} failed: {}",
                        dashboard.id(),
                        workspaceId,
                        e.toString());
                results.add(new ProvisionResult.Dashboard(
                        dashboard.id(),
                        dashboard.title(),
                        dashboard.version(),
                        "failed",
                        null,
                        null,
                        0,
                        0,
                        0,
                        0,
                        sentence));
            }
        }
        boolean tagged = run.tagsKept;
        if (!tagged) {
            warnings.add("This PostHog server does not keep tags (licence-gated or an older version): Beton recognises"
                    + " its dashboards by the marker in their description instead.");
        }
        return new ProvisionResult(
                firstError == null, tagged ? "tags" : "description-marker", results, warnings, firstError);
    }

    /** Soft-deletes the dashboard (and Beton's insights on it) in PostHog and forgets it. */
    public boolean remove(long workspaceId, String dashboardId) {
        Dashboards.definition(dashboardId);
        ReentrantLock lock = locks.computeIfAbsent(workspaceId, id -> new ReentrantLock());
        lock.lock();
        try {
            Optional<DashboardRegistry.Entry> entry = registry.find(workspaceId, dashboardId);
            if (entry.isEmpty()) {
                return false;
            }
            PostHogLink link = links.require(workspaceId);
            PostHogTarget target = new PostHogTarget(clients.forHost(link.host()), link.key(), link.projectId());
            for (DashboardRegistry.InsightEntry insight : entry.get().insights()) {
                boards.softDeleteInsight(target, insight.insightId());
            }
            boards.softDeleteDashboard(target, entry.get().postHogDashboardId());
            registry.remove(workspaceId, dashboardId);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private int companyIndex(PostHogTarget target, List<String> warnings) {
        java.util.OptionalInt index = boards.groupTypeIndex(target, CompanyGroupType.NAME);
        if (index.isPresent()) {
            return index.getAsInt();
        }
        {
            warnings.add("PostHog has no \"company\" group type yet, so account tiles read group 0 until events"
                    + " with $groups: {\"company\": …} arrive; provision again then.");
            return 0;
        }
    }

    /** One provisioning's state: the project, what PostHog holds, and whether tags stick. */
    private final class Run {
        private final long workspaceId;
        private final PostHogTarget target;
        private final PostHogLink link;
        private final boolean sendTags;
        private final List<PostHogBoards.Board> live;
        private final int company;
        private final Instant asOf = clock.instant();
        private List<PostHogBoards.Insight> betonInsights;
        boolean tagsKept;

        Run(
                long workspaceId,
                PostHogTarget target,
                PostHogLink link,
                boolean sendTags,
                List<PostHogBoards.Board> live,
                int company) {
            this.workspaceId = workspaceId;
            this.target = target;
            this.link = link;
            this.sendTags = sendTags;
            this.tagsKept = sendTags;
            this.live = live;
            this.company = company;
        }

        ProvisionResult.Dashboard dashboard(DashboardDefinition d) {
            String key = "dashboard." + d.id();
            List<String> tags = sendTags ? List.of(TAG, d.id(), "v" + d.version()) : List.of();
            String name = NAME_PREFIX + d.title();
            String description = d.description() + "\n\nProvisioned by Beton (definition " + d.id() + " v"
                    + d.version() + ", refreshed " + d.refreshText() + "). Edits here are overwritten on the next"
                    + " provisioning.";
            Optional<DashboardRegistry.Entry> entry = registry.find(workspaceId, d.id())
                    .filter(e -> e.projectId() == link.projectId()
                            && e.host().equals(link.host().toString()));
            Optional<PostHogBoards.Board> found = entry.flatMap(e -> live.stream()
                            .filter(b -> b.id() == e.postHogDashboardId())
                            .findFirst())
                    .or(() -> live.stream()
                            .filter(b -> PostHogBoards.marks(b.description(), key))
                            .findFirst());
            String action;
            PostHogBoards.Board board;
            if (found.isEmpty()) {
                board = boards.createDashboard(target, key, name, description, tags);
                action = "created";
            } else if (entry.isEmpty()
                    || entry.get().version() != d.version()
                    || !found.get().name().equals(name)
                    || (sendTags && !found.get().tags().containsAll(tags))) {
                board = boards.updateDashboard(target, found.get().id(), key, name, description, tags);
                action = "updated";
            } else {
                board = found.get();
                action = "unchanged";
            }
            if (sendTags && !action.equals("unchanged") && board.tags().isEmpty()) {
                tagsKept = false;
            }
            if (!sendTags) {
                tagsKept = false;
            }
            Map<String, DashboardRegistry.InsightEntry> known = new HashMap<>();
            entry.ifPresent(e -> e.insights().forEach(i -> known.put(i.tileId(), i)));
            List<Long> onBoard = action.equals("created")
                    ? List.of()
                    : boards.dashboard(target, board.id())
                            .map(PostHogBoards.Board::insightIds)
                            .orElse(List.of());
            int created = 0;
            int migrated = 0;
            int unchanged = 0;
            int removed = 0;
            for (TileDefinition tile : d.tiles()) {
                if (tile.query().isEmpty()) {
                    continue;
                }
                String tileKey = "tile." + d.id() + "." + tile.id();
                DashboardRegistry.InsightEntry had = known.remove(tile.id());
                boolean onIt = had != null && onBoard.contains(had.insightId());
                if (onIt && had.tileVersion() == tile.version()) {
                    unchanged++;
                    continue;
                }
                Map<String, Object> query =
                        InsightQueries.node(tile, tile.query().get().build(company, d.defaultPeriodDays()), asOf);
                List<String> insightTags = sendTags ? List.of(TAG, d.id(), "v" + tile.version()) : List.of();
                String insightName = NAME_PREFIX + tile.title();
                String insightDescription = tile.description() + "\n\nBeton tile " + d.id() + "/" + tile.reference()
                        + ", query " + TileDefinition.queryId(d.id(), tile.id()) + "@" + tile.version() + ".";
                Optional<Long> existing = onIt
                        ? Optional.of(had.insightId())
                        : insights().stream()
                                .filter(i -> PostHogBoards.marks(i.description(), tileKey))
                                .map(PostHogBoards.Insight::id)
                                .findFirst();
                PostHogBoards.Insight insight;
                if (existing.isPresent()) {
                    insight = boards.updateInsight(
                            target,
                            existing.get(),
                            tileKey,
                            insightName,
                            insightDescription,
                            insightTags,
                            query,
                            List.of(board.id()));
                    Integer from = had == null ? null : had.tileVersion();
                    if (!Objects.equals(from, tile.version())) {
                        registry.recordMigration(
                                workspaceId,
                                d.id(),
                                tile.id(),
                                from == null ? "adopted" : "updated",
                                from,
                                tile.version(),
                                insight.id(),
                                asOf);
                    }
                    migrated++;
                } else {
                    insight = boards.createInsight(
                            target, tileKey, insightName, insightDescription, insightTags, query, List.of(board.id()));
                    created++;
                }
                registry.saveInsight(workspaceId, d.id(), tile.id(), tile.version(), insight.id(), insight.shortId());
            }
            // Tiles the definition no longer has: their insights are soft-deleted (the migrator's other half).
            for (DashboardRegistry.InsightEntry gone : known.values()) {
                boards.softDeleteInsight(target, gone.insightId());
                registry.recordMigration(
                        workspaceId,
                        d.id(),
                        gone.tileId(),
                        "removed",
                        gone.tileVersion(),
                        null,
                        gone.insightId(),
                        asOf);
                registry.removeInsight(workspaceId, d.id(), gone.tileId());
                removed++;
            }
            if (action.equals("unchanged") && created + migrated + removed > 0) {
                action = "updated";
            }
            registry.saveDashboard(
                    workspaceId,
                    d.id(),
                    d.version(),
                    link.host().toString(),
                    link.projectId(),
                    board.id(),
                    tagsKept,
                    asOf);
            String url = link.host().toString().replaceAll("/+$", "") + "/project/" + link.projectId() + "/dashboard/"
                    + board.id();
            return new ProvisionResult.Dashboard(
                    d.id(),
                    d.title(),
                    d.version(),
                    action,
                    board.id(),
                    url,
                    created,
                    migrated,
                    removed,
                    unchanged,
                    null);
        }

        private List<PostHogBoards.Insight> insights() {
            if (betonInsights == null) {
                betonInsights = boards.betonInsights(target);
            }
            return betonInsights;
        }
    }

    /** How many of the four dashboards this workspace has in PostHog (the home page's checklist). */
    public int provisionedCount(long workspaceId) {
        return registry.all(workspaceId).size();
    }

    List<DashboardRegistry.Entry> registry(long workspaceId) {
        return registry.all(workspaceId);
    }

    List<DashboardRegistry.Migration> migrations(long workspaceId) {
        return registry.migrations(workspaceId);
    }
}
