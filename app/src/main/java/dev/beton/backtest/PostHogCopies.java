package dev.beton.backtest;

import dev.beton.connections.PostHogLink;
import dev.beton.connections.PostHogLinks;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.EventRejected;
import dev.beton.events.ingest.IncomingEvent;
import dev.beton.jobs.JobRuns;
import dev.beton.jobs.RunningJob;
import dev.beton.posthog.PostHogClients;
import dev.beton.posthog.PostHogException;
import dev.beton.posthog.PostHogGateway;
import dev.beton.posthog.PostHogKeysetPager;
import dev.beton.posthog.PostHogTarget;
import dev.beton.posthog.PostHogUsage;
import dev.beton.posthog.QueryCategory;
import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.signals.CompanyGroupType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Load data from PostHog" (issue 19 §5): copies a PostHog project's events of the last N days
 * (1–180), and its company groups, into the workspace's embedded store, so a backtest replays
 * them there: 180 replayed days through PostHog's query API would spend the hourly budget many
 * times over, a copy spends one query per {@value #PAGE} events.
 *
 * <p>Every query goes through the {@link PostHogGateway} (the project's budget, retries, breaker),
 * paged with {@link PostHogKeysetPager} by (timestamp, uuid) as PostHog asks. After each page is
 * stored, its last key is kept ({@code posthog_copies}), so a copy that was stopped, failed, or
 * paused because the hour's budget ran out resumes after it; a page stored twice collapses on
 * the events' unique uuid. Events go through the same ingestion as capture and file imports, so
 * {@code $groupidentify} and {@code $set} rebuild groups and persons as of each event — the
 * history a backtest may use. The period ends at the start of the current hour, so counting
 * before the start and the copy itself ask PostHog the same question (and the count is cached).
 */
@Service
public class PostHogCopies implements DisposableBean {

    static final String JOB_TYPE = "posthog-copy";
    /** Events per query: PostHog answers up to 50,000 rows, a smaller page keeps memory and retries small. */
    static final int PAGE = 10_000;

    public static final int MAX_DAYS = 180;
    public static final long DEFAULT_ROW_LIMIT = 5_000_000L;
    public static final long MAX_ROW_LIMIT = 50_000_000L;

    private static final Logger log = LoggerFactory.getLogger(PostHogCopies.class);

    /** What to copy. */
    public record Request(int days, long rowLimit) {

        public List<String> errors() {
            List<String> errors = new ArrayList<>();
            if (days < 1 || days > MAX_DAYS) {
                errors.add("'days' must be between 1 and " + MAX_DAYS + ", not " + days);
            }
            if (rowLimit < 1 || rowLimit > MAX_ROW_LIMIT) {
                errors.add("'rowLimit' must be between 1 and " + MAX_ROW_LIMIT + ", not " + rowLimit);
            }
            return errors;
        }
    }

    /**
     * What a copy would spend, said before it starts.
     *
     * @param events events PostHog counts in the period
     * @param groups company groups PostHog has
     * @param queries PostHog queries the copy would send: one per page of events and of groups
     *     (the two counts were just spent, or answered from the cache)
     * @param usage the project's budget now (queries used and left this clock hour)
     */
    public record Estimate(
            Instant periodStart, Instant periodEnd, long events, long groups, int queries, PostHogUsage usage) {

        /** Whether the copy fits in what is left of this hour's budget. */
        public boolean fitsThisHour() {
            return queries <= usage.queriesRemaining();
        }
    }

    private final PostHogLinks links;
    private final PostHogClients clients;
    private final PostHogGateway gateway;
    private final EventIngestion ingestion;
    private final EmbeddedWarehouse warehouse;
    private final JobRuns jobs;
    private final PostHogCopyStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<Long, Boolean> stopRequested = new ConcurrentHashMap<>();
    /** Events (and groups) per query; tests page a few events at a time. */
    private volatile int pageSize = PAGE;

    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "posthog-copies");
        thread.setDaemon(true);
        return thread;
    });

    PostHogCopies(
            PostHogLinks links,
            PostHogClients clients,
            PostHogGateway gateway,
            EventIngestion ingestion,
            EmbeddedWarehouse warehouse,
            JobRuns jobs,
            PostHogCopyStore store,
            JsonMapper json,
            Clock clock) {
        this.links = links;
        this.clients = clients;
        this.gateway = gateway;
        this.ingestion = ingestion;
        this.warehouse = warehouse;
        this.jobs = jobs;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Counts what a copy of the last {@code days} days would read and what it would spend. Costs
     * two PostHog queries (the counts), answered from the cache for two minutes.
     *
     * @throws dev.beton.connections.PostHogNotConnected when PostHog cannot be reached from this workspace
     */
    public Estimate estimate(long workspaceId, Request request) {
        PostHogLink link = links.require(workspaceId);
        PostHogTarget target = target(link);
        Instant end = periodEnd();
        Instant start = end.minus(Duration.ofDays(request.days()));
        OptionalInt company = companyIndex(target);
        long events = count(target, eventsCount(start, end));
        long groups = company.isEmpty() ? 0 : count(target, groupsCount(company.getAsInt()));
        long toCopy = Math.min(events, request.rowLimit());
        int queries =
                pages(toCopy, toCopy < events, pageSize) + (company.isEmpty() ? 0 : pages(groups, false, pageSize));
        return new Estimate(start, end, events, groups, queries, gateway.usage(link.host(), link.projectId()));
    }

    /** Starts a new copy in the background; its job run shows progress. */
    public PostHogCopy start(long workspaceId, Request request) {
        PostHogCopy copy = create(workspaceId, request);
        background.submit(() -> work(copy.id(), workspaceId, (done, total) -> {}));
        return copy;
    }

    /** Resumes a copy that did not finish, in the background. */
    public Optional<PostHogCopy> resume(long workspaceId, long copyId) {
        Optional<PostHogCopy> copy = resumable(workspaceId, copyId);
        copy.ifPresent(c -> background.submit(() -> work(c.id(), workspaceId, (done, total) -> {})));
        return copy;
    }

    /** A new copy, run in the caller's thread (the CLI), telling {@code progress} events copied of the total. */
    public PostHogCopy run(long workspaceId, Request request, BiConsumer<Long, Long> progress) {
        PostHogCopy copy = create(workspaceId, request);
        work(copy.id(), workspaceId, progress);
        return store.find(workspaceId, copy.id()).orElseThrow();
    }

    /** {@link #resume} in the caller's thread. */
    public Optional<PostHogCopy> resumeHere(long workspaceId, long copyId, BiConsumer<Long, Long> progress) {
        Optional<PostHogCopy> copy = resumable(workspaceId, copyId);
        copy.ifPresent(c -> work(c.id(), workspaceId, progress));
        return copy.flatMap(c -> store.find(workspaceId, c.id()));
    }

    /** Asks a running copy to stop after its current page; it can be resumed later. */
    public boolean stop(long workspaceId, long copyId) {
        Optional<PostHogCopy> copy = store.find(workspaceId, copyId);
        if (copy.isEmpty() || copy.get().complete()) {
            return false;
        }
        stopRequested.put(copyId, true);
        return true;
    }

    public Optional<PostHogCopy> find(long workspaceId, long copyId) {
        return store.find(workspaceId, copyId);
    }

    public List<PostHogCopy> recent(long workspaceId, int limit) {
        return store.recent(workspaceId, limit);
    }

    /** The newest copy that finished (the one backtests read), if any. */
    public Optional<PostHogCopy> latestComplete(long workspaceId) {
        return store.recent(workspaceId, 20).stream()
                .filter(PostHogCopy::complete)
                .findFirst();
    }

    /** The newest copy that stopped before its end and may be resumed, if any. */
    public Optional<PostHogCopy> latestUnfinished(long workspaceId) {
        return store.recent(workspaceId, 1).stream()
                .filter(c -> !c.complete())
                .filter(c -> jobs.byId(workspaceId, c.jobRunId())
                        .map(j -> j.status() != dev.beton.jobs.JobStatus.RUNNING)
                        .orElse(true))
                .findFirst();
    }

    private Optional<PostHogCopy> resumable(long workspaceId, long copyId) {
        Optional<PostHogCopy> copy = store.find(workspaceId, copyId).filter(c -> !c.complete());
        copy.ifPresent(c -> {
            RunningJob job = jobs.start(Optional.of(workspaceId), JOB_TYPE, c.eventsTotal());
            store.resumedBy(c.id(), job.id());
            running.put(c.id(), job);
        });
        return copy.flatMap(c -> store.find(workspaceId, c.id()));
    }

    private final Map<Long, RunningJob> running = new ConcurrentHashMap<>();

    private PostHogCopy create(long workspaceId, Request request) {
        List<String> errors = request.errors();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        PostHogLink link = links.require(workspaceId);
        Instant end = periodEnd();
        Instant start = end.minus(Duration.ofDays(request.days()));
        RunningJob job = jobs.start(Optional.of(workspaceId), JOB_TYPE, OptionalLong.empty());
        long id = store.create(
                workspaceId,
                job.id(),
                link.projectId(),
                link.host().toString(),
                request.days(),
                request.rowLimit(),
                start,
                end,
                clock.instant());
        running.put(id, job);
        return store.find(workspaceId, id).orElseThrow();
    }

    private void work(long copyId, long workspaceId, BiConsumer<Long, Long> progress) {
        RunningJob job = running.remove(copyId);
        stopRequested.remove(copyId);
        try (job) {
            PostHogCopy copy = store.find(workspaceId, copyId).orElseThrow();
            PostHogTarget target = target(links.require(workspaceId));
            try {
                OptionalInt company = companyIndex(target);
                if (copy.phase().equals(PostHogCopy.EVENTS)) {
                    Optional<String> stopped = copyEvents(copy, target, company, job, progress);
                    if (stopped.isPresent()) {
                        store.note(copyId, stopped.get());
                        job.partial(summary(store.find(workspaceId, copyId).orElseThrow()), stopped.get());
                        return;
                    }
                    store.phase(copyId, PostHogCopy.GROUPS);
                }
                copyGroups(store.find(workspaceId, copyId).orElseThrow(), target, company);
                store.phase(copyId, PostHogCopy.DONE);
                PostHogCopy done = store.find(workspaceId, copyId).orElseThrow();
                Optional<String> limited = done.eventsTotal().isPresent()
                                && done.eventsCopied() >= done.rowLimit()
                                && done.eventsTotal().getAsLong() > done.rowLimit()
                        ? Optional.of("Stopped at the row limit of " + done.rowLimit() + " events: events after "
                                + done.copiedUntil().map(Instant::toString).orElse("the start")
                                + " are not in the copy.")
                        : Optional.empty();
                store.finished(copyId, clock.instant(), limited);
                job.succeeded(summary(done));
            } catch (PostHogException.BudgetExhausted e) {
                String why = "PostHog's query budget for this hour is used up; resume the copy after " + e.retryAt()
                        + " (it continues where it stopped).";
                store.note(copyId, why);
                job.partial(summary(store.find(workspaceId, copyId).orElseThrow()), why);
            } catch (PostHogException.CircuitOpen e) {
                String why = "PostHog failed several times in a row; resume the copy after " + e.retryAt() + ".";
                store.note(copyId, why);
                job.partial(summary(store.find(workspaceId, copyId).orElseThrow()), why);
            }
        } catch (RuntimeException e) {
            log.warn("Copy {} from PostHog failed", copyId, e);
            String why = "The copy failed: " + e.getMessage() + " Resume it to continue where it stopped.";
            store.note(copyId, why);
            job.failed(why);
        }
    }

    /** @return why the copy stopped before the end of its events, if it did (other than the row limit) */
    private Optional<String> copyEvents(
            PostHogCopy copy,
            PostHogTarget target,
            OptionalInt company,
            RunningJob job,
            BiConsumer<Long, Long> progress) {
        QueryRunner runner = gateway.detectionRunner(target);
        long total = copy.eventsTotal().orElse(-1);
        if (total < 0) {
            total = count(target, eventsCount(copy.periodStart(), copy.periodEnd()));
            store.counted(copy.id(), total, 1);
        }
        long goal = Math.min(total, copy.rowLimit());
        long copied = copy.eventsCopied();
        Optional<PostHogCopy.Cursor> cursor = copy.cursor();
        job.progress(copied, goal);
        progress.accept(copied, goal);
        while (copied < copy.rowLimit()) {
            if (stopRequested.remove(copy.id()) != null) {
                return Optional.of("Stopped after " + copied + " events; resume the copy to continue.");
            }
            int pageSize = (int) Math.min(this.pageSize, copy.rowLimit() - copied);
            PostHogKeysetPager pager = eventPager(copy, company, pageSize);
            RenderedQuery query = cursor.map(c -> pager.pageAfter(List.of(c.timestamp(), c.uuid())))
                    .orElseGet(pager::firstPage);
            ResultRows rows = runner.run(query);
            if (rows.rows().isEmpty()) {
                store.emptyPage(copy.id());
                break;
            }
            List<IncomingEvent> events = new ArrayList<>(rows.rows().size());
            Instant newest = copy.periodStart();
            for (ResultRows.Row row : rows.list()) {
                Optional<IncomingEvent> event = incoming(row);
                if (event.isPresent()) {
                    events.add(event.get());
                    newest = event.get().timestamp().isAfter(newest)
                            ? event.get().timestamp()
                            : newest;
                }
            }
            ingestion.ingest(copy.workspaceId(), events);
            ResultRows.Row last = rows.list().getLast();
            cursor = Optional.of(new PostHogCopy.Cursor(
                    String.valueOf(last.value("timestamp").orElseThrow()), last.requiredText("uuid")));
            copied += rows.rows().size();
            store.eventPage(copy.id(), cursor.get(), rows.rows().size(), newest);
            job.progress(copied, goal);
            progress.accept(copied, goal);
            if (rows.rows().size() < pageSize) {
                break;
            }
        }
        return Optional.empty();
    }

    private PostHogKeysetPager eventPager(PostHogCopy copy, OptionalInt company, int pageSize) {
        String columns = "uuid, event, distinct_id, timestamp, properties"
                + (company.isPresent() ? ", $group_" + company.getAsInt() + " AS beton_company" : "");
        return PostHogKeysetPager.select(columns)
                .from("events")
                .where("timestamp >= toDateTime({beton_from}) AND timestamp < toDateTime({beton_to})")
                .bind("beton_from", copy.periodStart().toString())
                .bind("beton_to", copy.periodEnd().toString())
                .orderedBy("timestamp", "uuid")
                .pageSize(pageSize)
                .build();
    }

    /** A PostHog event row as an import: its uuid kept, and its company named in {@code $groups} if only the column had it. */
    private Optional<IncomingEvent> incoming(ResultRows.Row row) {
        ObjectNode raw = json.createObjectNode();
        raw.put("uuid", row.requiredText("uuid"));
        raw.put("event", row.requiredText("event"));
        raw.put("distinct_id", row.requiredText("distinct_id"));
        raw.put("timestamp", row.instant("timestamp").orElseThrow().toString());
        ObjectNode properties = properties(row.text("properties").orElse("{}"));
        Optional<String> companyKey = row.text("beton_company").filter(k -> !k.isEmpty());
        if (companyKey.isPresent()) {
            JsonNode groups = properties.get("$groups");
            ObjectNode named = groups instanceof ObjectNode o ? o : json.createObjectNode();
            if (!named.has(CompanyGroupType.NAME)) {
                named.put(CompanyGroupType.NAME, companyKey.get());
                properties.set("$groups", named);
            }
        }
        raw.set("properties", properties);
        try {
            return Optional.of(
                    ingestion.parser().parse(raw, clock.instant(), Optional.empty(), EventParser.Source.IMPORT));
        } catch (EventRejected e) {
            // PostHog took it, so this is rare (e.g. a distinct id Beton refuses); one event does not stop the copy.
            log.debug("Event {} from PostHog not copied: {}", row.text("uuid").orElse("?"), e.getMessage());
            return Optional.empty();
        }
    }

    private ObjectNode properties(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node instanceof ObjectNode o ? o : json.createObjectNode();
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    /**
     * PostHog's company groups as they are now, into the store's {@code groups} table. Backtests do
     * not read them (a strict backtest reads only {@code $groupidentify} recorded before each day);
     * the Accounts pages do, for names.
     */
    private void copyGroups(PostHogCopy copy, PostHogTarget target, OptionalInt company) {
        if (company.isEmpty()) {
            return;
        }
        QueryRunner runner = gateway.detectionRunner(target);
        Optional<String> after = Optional.empty();
        long copied = 0;
        int queries = 0;
        while (true) {
            PostHogKeysetPager pager = PostHogKeysetPager.select("key, properties, created_at")
                    .from("groups")
                    .where("index = {beton_index}")
                    .bind("beton_index", company.getAsInt())
                    .orderedBy("key")
                    .pageSize(pageSize)
                    .build();
            ResultRows rows = runner.run(
                    after.map(a -> pager.pageAfter(List.<Object>of(a))).orElseGet(pager::firstPage));
            queries++;
            if (!rows.rows().isEmpty()) {
                writeGroups(copy.workspaceId(), rows);
                copied += rows.rows().size();
                after = Optional.of(rows.list().getLast().requiredText("key"));
            }
            if (rows.rows().size() < pageSize) {
                break;
            }
        }
        store.groups(copy.id(), copied, queries);
    }

    private void writeGroups(long workspaceId, ResultRows rows) {
        warehouse.write(workspaceId, c -> {
            Integer index = null;
            try (var find = c.prepareStatement("SELECT group_type_index FROM group_types WHERE group_type = ?")) {
                find.setString(1, CompanyGroupType.NAME);
                try (var rs = find.executeQuery()) {
                    if (rs.next()) {
                        index = rs.getInt(1);
                    }
                }
            }
            if (index == null) {
                // No copied event named a company: there is nothing for these groups to belong to.
                return null;
            }
            try (var upsert = c.prepareStatement("INSERT OR REPLACE INTO groups (group_type_index, group_key,"
                    + " properties, created_at) VALUES (?, ?, ?, ?)")) {
                for (ResultRows.Row row : rows.list()) {
                    upsert.setInt(1, index);
                    upsert.setString(2, row.requiredText("key"));
                    upsert.setString(3, row.text("properties").orElse("{}"));
                    upsert.setObject(
                            4,
                            java.time.LocalDateTime.ofInstant(
                                    row.instant("created_at").orElse(clock.instant()), java.time.ZoneOffset.UTC));
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    private OptionalInt companyIndex(PostHogTarget target) {
        try {
            return OptionalInt.of(gateway.crud(target, () -> target.client()
                    .groupTypeIndex(target.key(), target.projectId(), CompanyGroupType.NAME)));
        } catch (PostHogException.NotFound e) {
            return OptionalInt.empty();
        }
    }

    private long count(PostHogTarget target, RenderedQuery query) {
        ResultRows rows = gateway.query(target, query, QueryCategory.AD_HOC);
        return rows.list().isEmpty() ? 0 : rows.list().getFirst().count("n");
    }

    private static RenderedQuery eventsCount(Instant start, Instant end) {
        return new RenderedQuery(
                Dialect.HOGQL,
                "SELECT count() AS n FROM events WHERE timestamp >= toDateTime({beton_from})"
                        + " AND timestamp < toDateTime({beton_to})",
                List.of(
                        new RenderedQuery.BoundParameter("beton_from", start.toString()),
                        new RenderedQuery.BoundParameter("beton_to", end.toString())));
    }

    private static RenderedQuery groupsCount(int index) {
        return new RenderedQuery(
                Dialect.HOGQL,
                "SELECT count() AS n FROM groups WHERE index = {beton_index}",
                List.of(new RenderedQuery.BoundParameter("beton_index", index)));
    }

    /**
     * Queries to read {@code rows} in pages of {@code size}: a page shorter than {@code size} ends
     * the reading, so a last page that is exactly full needs one more (empty) answer — unless the
     * row limit ({@code cut}) ends it.
     */
    static int pages(long rows, boolean cut, int size) {
        long pages = rows / size + 1;
        if (cut && rows % size == 0 && rows > 0) {
            pages--;
        }
        return (int) pages;
    }

    void pageSize(int rows) {
        this.pageSize = rows;
    }

    private PostHogTarget target(PostHogLink link) {
        return new PostHogTarget(clients.forHost(link.host()), link.key(), link.projectId());
    }

    /** The start of the current hour: the copy's period ends there, so an estimate and its copy agree. */
    private Instant periodEnd() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS);
    }

    private static String summary(PostHogCopy copy) {
        return "Copied " + copy.eventsCopied() + " events"
                + copy.eventsTotal().stream()
                        .mapToObj(t -> " of " + t)
                        .findFirst()
                        .orElse("")
                + " and " + copy.groupsCopied() + " company groups of the last " + copy.days() + " days from "
                + copy.source() + " (" + copy.queriesSpent() + " PostHog queries).";
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }
}
