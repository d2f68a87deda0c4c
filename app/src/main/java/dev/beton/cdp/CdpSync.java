package dev.beton.cdp;

import dev.beton.connections.AttioLinks;
import dev.beton.connections.PostHogLinks;
import dev.beton.crm.AttioException;
import dev.beton.crm.AttioRecord;
import dev.beton.detection.PostHogQueue;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.IncomingEvent;
import dev.beton.events.ingest.IngestResult;
import dev.beton.jobs.JobRuns;
import dev.beton.jobs.RunningJob;
import dev.beton.posthog.PostHogCaptureEvent;
import dev.beton.routing.AttioReads;
import dev.beton.web.ProblemException;
import dev.beton.workspace.credentials.Secret;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CRM → analytics: reads the workspace's Attio deals, companies and people (in that order: a
 * company's group carries its deal totals, a person names their company's key), diffs every record
 * against what was last sent ({@code cdp_records}), and sends only what was added, changed or
 * removed — to PostHog through the durable outbox, and into the embedded store as the same events
 * (whose history the {@code crm_*_history} views read). Nothing is deleted anywhere: a record gone
 * from Attio gets {@code attio_deleted = true}. Each page is recorded as it goes, so a run that
 * stops (Attio down, a revoked token) keeps what it did and a rerun finishes the rest.
 */
@Service
public class CdpSync {

    private static final Logger log = LoggerFactory.getLogger(CdpSync.class);
    static final List<String> OBJECTS = List.of("deals", "companies", "people");

    /** @param full resend everything (a new generation of uuids), not only what changed */
    public record Options(boolean full, boolean dryRun) {}

    /** Told after every page: object being read and records of it done so far. */
    public interface Progress {
        Progress NONE = (object, done) -> {};

        void step(String object, long done);
    }

    /** What a run did to one object. */
    public record ObjectRun(
            String object,
            int read,
            int sent,
            int unchanged,
            int skipped,
            int failed,
            int deleted,
            Map<String, Integer> skippedBy,
            Optional<String> stoppedBecause) {}

    /** @param complete every object was read to its end */
    public record Result(
            boolean full,
            boolean dryRun,
            boolean complete,
            int queuedForPostHog,
            int storedLocally,
            List<ObjectRun> objects,
            String summary,
            OptionalLong jobId) {}

    private final AttioLinks attioLinks;
    private final PostHogLinks posthogLinks;
    private final AttioReads reads;
    private final PostHogQueue queue;
    private final EventIngestion ingestion;
    private final CdpRecords records;
    private final CdpSettings settings;
    private final JobRuns jobs;
    private final DealsTable dealsTable;
    private final JsonMapper json;
    private final Clock clock;
    private final int readsInFlight;
    private final Map<Long, ReentrantLock> running = new ConcurrentHashMap<>();
    /** Reads the next Attio pages while the sync handles the current one (virtual: they wait on I/O). */
    private final ExecutorService readAhead = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("cdp-read-ahead").factory());

    /**
     * Pages whose events may be committing in the embedded store while the sync goes on: the
     * store's single writer takes about as long for a page as this thread does to map it, and
     * a run that waited for each commit took the sum of both per page. A page not yet recorded
     * when the process stops is sent again by the next run, under the same event uuids.
     */
    private static final int PAGES_COMMITTING = 3;

    /**
     * Pages read or being read ahead of the one handled, per read in flight: at most twice as many
     * pages wait in memory (a few MB) as there are requests out.
     */
    private static final int PAGES_AHEAD_PER_READ = 2;

    private volatile AttioPager.Pause pause = d -> Thread.sleep(d.toMillis());

    CdpSync(
            AttioLinks attioLinks,
            PostHogLinks posthogLinks,
            AttioReads reads,
            PostHogQueue queue,
            EventIngestion ingestion,
            CdpRecords records,
            CdpSettings settings,
            JobRuns jobs,
            DealsTable dealsTable,
            JsonMapper json,
            Clock clock,
            @org.springframework.beans.factory.annotation.Value("${beton.cdp.reads-in-flight:4}") int readsInFlight) {
        if (readsInFlight < 1) {
            throw new IllegalArgumentException("beton.cdp.reads-in-flight must be at least 1, not " + readsInFlight);
        }
        this.readsInFlight = readsInFlight;
        this.attioLinks = attioLinks;
        this.posthogLinks = posthogLinks;
        this.reads = reads;
        this.queue = queue;
        this.ingestion = ingestion;
        this.records = records;
        this.settings = settings;
        this.jobs = jobs;
        this.dealsTable = dealsTable;
        this.json = json;
        this.clock = clock;
    }

    /** Tests wait on a fake pause instead of the wall clock. */
    void pause(AttioPager.Pause pause) {
        this.pause = pause;
    }

    /**
     * Runs a sync now, in the caller's thread.
     *
     * @throws ProblemException 409 when Attio is not connected or a sync of the workspace runs
     */
    public Result run(long workspaceId, Options options, Progress progress) {
        Secret token = attioLinks
                .token(workspaceId)
                .orElseThrow(() -> ProblemException.conflict(
                        "Attio is not connected in this workspace: connect it on the Connections page first."));
        ReentrantLock lock = running.computeIfAbsent(workspaceId, id -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw ProblemException.conflict("A CRM sync of this workspace is already running; wait for it to end.");
        }
        try {
            return runLocked(workspaceId, token, options, progress);
        } finally {
            lock.unlock();
        }
    }

    /** Whether PostHog is where the workspace's CRM events go (it is connected and its last check passed). */
    boolean toPostHog(long workspaceId) {
        return posthogLinks.find(workspaceId).isPresent();
    }

    private Result runLocked(long workspaceId, Secret token, Options options, Progress progress) {
        Run run = new Run(workspaceId, token, options);
        Optional<RunningJob> job = options.dryRun()
                ? Optional.empty()
                : Optional.of(jobs.start(Optional.of(workspaceId), "cdp-sync", OptionalLong.empty()));
        try {
            run.execute(progress, job);
        } catch (RuntimeException e) {
            run.stop(StopSentences.of(e));
            log.warn("CRM sync of workspace {} stopped", workspaceId, e);
        }
        String summary = run.summary();
        job.ifPresent(j -> {
            if (run.complete()) {
                j.succeeded(summary);
            } else {
                j.partial(summary, run.stops().toString());
            }
        });
        if (!options.dryRun()) {
            settings.finished(workspaceId, clock.instant(), summary);
        }
        return new Result(
                options.full(),
                options.dryRun(),
                run.complete(),
                run.queued,
                run.stored,
                run.objectRuns(),
                summary,
                job.map(j -> OptionalLong.of(j.id())).orElse(OptionalLong.empty()));
    }

    /** Near-real-time update of one record after an Attio webhook said it changed (or went). */
    public void recordChanged(long workspaceId, String eventType, String recordId) {
        Optional<Secret> token = attioLinks.token(workspaceId);
        if (token.isEmpty()) {
            return;
        }
        ReentrantLock lock = running.computeIfAbsent(workspaceId, id -> new ReentrantLock());
        lock.lock(); // after a running full sync, so the two never interleave their snapshots
        try {
            Run run = new Run(workspaceId, token.get(), new Options(false, false));
            run.settledAfter(() -> {
                run.one(eventType, recordId);
                return null;
            });
        } finally {
            lock.unlock();
        }
    }

    /** One run: counters, the page in progress, and the sentences of what stopped it. */
    private final class Run {

        final long workspaceId;
        final Options options;
        final AttioPager attio;
        final CdpMapping mapping;
        final boolean posthog;
        final int generation;
        final long runNumber;
        final Map<String, Counter> counters = new LinkedHashMap<>();
        final List<String> stops = new ArrayList<>();
        final Map<String, CrmRecordMapper.DealTotals> dealsByCompany = new HashMap<>();
        /** Every deal with a company, for PostHog's warehouse table (read in full each run). */
        final List<DealsTable.Row> dealRows = new ArrayList<>();

        Optional<String> dealsTableNote = Optional.empty();
        final Map<String, String> companyKeys = new HashMap<>();
        final Map<String, String> companyByKey = new HashMap<>();
        final Map<String, List<String>> linked;
        boolean dealsComplete;
        boolean refused;
        boolean singleRecord;
        /**
         * Per object, the numbers ({@code cdp_records.ordinal}) of the records this run read: a record
         * found unchanged is not written back, and after a complete read the numbers missing here
         * are the records gone from Attio.
         */
        final Map<String, java.util.BitSet> seen = new HashMap<>();

        int queued;
        int stored;
        /** Pages handed to the store, oldest first, their outcomes not saved yet ({@link #settle()}). */
        final java.util.ArrayDeque<Committing> committing = new java.util.ArrayDeque<>();

        Run(long workspaceId, Secret token, Options options) {
            this.workspaceId = workspaceId;
            this.options = options;
            this.attio = new AttioPager(reads, token, pause, 20, 4);
            this.mapping = settings.effective(workspaceId);
            this.posthog = toPostHog(workspaceId);
            this.generation = options.full() && !options.dryRun()
                    ? settings.nextGeneration(workspaceId)
                    : settings.generation(workspaceId);
            this.runNumber = options.dryRun() ? Long.MAX_VALUE : settings.nextRun(workspaceId);
            this.linked = reads.linkedAccounts(workspaceId);
            OBJECTS.forEach(o -> counters.put(o, new Counter()));
        }

        void execute(Progress progress, Optional<RunningJob> job) {
            if (posthog && !options.dryRun()) {
                // Sends PostHog never took (down longer than the outbox's attempts) go out again.
                queue.rearm(workspaceId, queue.abandoned(workspaceId));
            }
            long[] done = {0};
            for (String object : OBJECTS) {
                boolean completed = settledAfter(() -> readAll(object, page -> {
                    handlePage(object, page);
                    done[0] += page.size();
                    progress.step(object, counters.get(object).read);
                    job.ifPresent(j -> j.progress(done[0]));
                }));
                if (object.equals("deals")) {
                    dealsComplete = completed;
                    if (!completed) {
                        // Companies would go out with wrong deal totals: better not at all.
                        stop("Companies and people were not synced, as deals could not be read completely.");
                        return;
                    }
                }
                if (completed && !options.dryRun()) {
                    markDeleted(object);
                }
                if (refused) {
                    return;
                }
            }
            if (posthog && !options.dryRun() && complete()) {
                uploadDeals();
            }
        }

        /** The deals table in PostHog's warehouse, when the server takes it (else group properties only). */
        void uploadDeals() {
            try {
                posthogLinks
                        .find(workspaceId)
                        .ifPresent(link -> dealsTableNote =
                                dealsTable.sync(workspaceId, link, dealRows, companyKeys, options.full()));
            } catch (RuntimeException e) {
                // Deals are on the groups already; the table is a second path and never fails the sync.
                log.warn("Deals table of workspace {} not uploaded", workspaceId, e);
                dealsTableNote =
                        Optional.of("Deals could not be uploaded to PostHog's data warehouse: " + e.getMessage());
            }
        }

        /**
         * Reads every page of an object; @return false when the read stopped early (the reason is in
         * stops). Pages are handled one after the other, oldest first, while the next ones are read:
         * up to {@code readsInFlight} requests at once and twice as many pages ahead; twice as many
         * pages ahead after each full page, starting from the full pages the last runs found (one
         * for an object never read, so a one-page object costs one read). Against Attio across a
         * network a page takes a few hundred milliseconds to come back, so one read at a time
         * would leave the sync waiting on round trips far below Attio's 100 reads/s; the shared
         * per-token budget keeps the reads inside it. A failed read still
         * counts where it would have, after the pages before it were handled.
         */
        boolean readAll(String object, java.util.function.Consumer<List<AttioRecord>> handle) {
            java.util.ArrayDeque<Future<List<AttioRecord>>> reading = new java.util.ArrayDeque<>();
            int offset = 0;
            int most = PAGES_AHEAD_PER_READ * readsInFlight;
            // Full pages the last runs found are very likely there still: they are asked for at
            // once. An object never read starts with one page (a one-page object costs one read).
            int width = (int)
                    Math.max(1, records.live(workspaceId, object, (long) most * AttioPager.PAGE) / AttioPager.PAGE);
            java.util.concurrent.Semaphore requests = new java.util.concurrent.Semaphore(readsInFlight, true);
            try {
                int nextOffset = askAhead(reading, width, requests, object, 0);
                while (true) {
                    List<AttioRecord> page;
                    try {
                        page = awaited(reading.poll());
                    } catch (AttioException.NotFound e) {
                        if (object.equals("deals")) {
                            counters.get(object).stopped = "this Attio workspace has no deals object";
                            return true;
                        }
                        return stopped(object, offset, "Attio has no " + object + " object (" + e.getMessage() + ")");
                    } catch (AttioException.Unauthorized e) {
                        attioLinks.refused(workspaceId, "Attio refused the token during a CRM sync: " + e.getMessage());
                        refused = true;
                        return stopped(
                                object,
                                offset,
                                "Attio refused the token (revoked?); reconnect Attio on the Connections page and run"
                                        + " the sync again");
                    } catch (AttioException.Forbidden e) {
                        return stopped(
                                object,
                                offset,
                                "the token may not read " + object + " (it needs"
                                        + " record_permission:read and object_configuration:read)");
                    } catch (AttioException | AttioReads.Paused e) {
                        return stopped(object, offset, e.getMessage());
                    }
                    boolean last = page.size() < AttioPager.PAGE;
                    if (last) {
                        reading.forEach(read -> read.cancel(true)); // pages past the end: not needed
                        reading.clear();
                    } else {
                        // The next reads go out before this page is handled, so they overlap it.
                        width = Math.min(most, width * 2);
                        nextOffset = askAhead(reading, width, requests, object, nextOffset);
                    }
                    handle.accept(page);
                    if (last) {
                        return true;
                    }
                    offset += AttioPager.PAGE;
                }
            } finally {
                reading.forEach(read -> read.cancel(true)); // a run that stops does not leave reads going
            }
        }

        /** Asks for pages from {@code offset} on until {@code width} are read ahead: @return the next offset. */
        private int askAhead(
                java.util.ArrayDeque<Future<List<AttioRecord>>> reading,
                int width,
                java.util.concurrent.Semaphore requests,
                String object,
                int offset) {
            int next = offset;
            while (reading.size() < width) {
                int at = next;
                reading.add(readAhead.submit(() -> page(requests, object, at)));
                next += AttioPager.PAGE;
            }
            return next;
        }

        /**
         * Reads one page once one of the run's {@code readsInFlight} requests is free. The pages
         * ahead are queued in order (a fair semaphore), so a request goes out the moment one comes
         * back, not when the sync takes the next page: a sync that handles pages about as fast as
         * Attio answers them would otherwise lose a round trip whenever one page took longer.
         */
        private List<AttioRecord> page(java.util.concurrent.Semaphore requests, String object, int offset)
                throws InterruptedException {
            requests.acquire();
            try {
                return attio.page(object, offset);
            } finally {
                requests.release();
            }
        }

        private static <T> T awaited(Future<T> read) {
            try {
                return read.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading Attio.", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        boolean stopped(String object, int offset, String why) {
            stops.add("Reading " + object + " stopped after " + offset + " records: " + why
                    + ". What was synced stays; the next run finishes the rest.");
            counters.get(object).stopped = why;
            return false;
        }

        void stop(String sentence) {
            stops.add(sentence);
        }

        boolean complete() {
            return stops.isEmpty();
        }

        List<String> stops() {
            return stops;
        }

        // ---- one page of each object ----

        void handlePage(String object, List<AttioRecord> page) {
            Counter counter = counters.get(object);
            counter.read += page.size();
            Map<String, CdpRecords.Snapshot> snapshots = records.of(
                    workspaceId, object, page.stream().map(AttioRecord::id).toList());
            Batch batch = new Batch();
            batch.knows(object, snapshots.keySet());
            java.util.BitSet read = seen.computeIfAbsent(object, o -> new java.util.BitSet());
            for (CdpRecords.Snapshot snapshot : snapshots.values()) {
                snapshot.bit().ifPresent(bit -> {
                    read.set(bit);
                    batch.numbered(object, snapshot.recordId());
                });
            }
            for (AttioRecord record : page) {
                try {
                    switch (object) {
                        case "deals" -> deal(record, snapshots.get(record.id()), batch);
                        case "companies" -> company(record, snapshots.get(record.id()), batch);
                        default -> person(record, snapshots.get(record.id()), batch);
                    }
                } catch (RuntimeException e) {
                    counter.failed++;
                    batch.save(
                            object, record.id(), Optional.empty(), "failed", "could not be mapped: " + e.getMessage());
                }
            }
            // The page's events commit on the store's writer thread while the next pages are read
            // and mapped here; a page's outcomes are saved once its own commit is done, a few pages
            // later, so this thread waits on the writer only when the writer falls that far behind.
            // Every H2 write stays on this thread, in the order it had.
            committing.add(batch.start(counter));
            while (committing.size() > PAGES_COMMITTING) {
                committing.poll().finish();
            }
        }

        /**
         * Runs {@code work}, then saves the outcomes of its last pages, also when it failed: what
         * was stored and sent is recorded (a failure of that save is added to the work's own).
         */
        <T> T settledAfter(java.util.function.Supplier<T> work) {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                try {
                    settle();
                } catch (RuntimeException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
                throw e;
            }
            settle();
            return result;
        }

        /** Saves the outcomes of the pages still committing, oldest first: before anything reads them. */
        void settle() {
            while (!committing.isEmpty()) {
                committing.poll().finish();
            }
        }

        void deal(AttioRecord deal, CdpRecords.Snapshot snapshot, Batch batch) {
            Optional<String> company = deal.reference("associated_company");
            if (company.isEmpty()) {
                skip(batch, snapshot, "deals", deal.id(), "no associated company");
                return;
            }
            String stage = deal.text("stage").orElse("");
            String outcome = reads.dealOutcome(workspaceId, stage);
            BigDecimal value = deal.number("value").map(BigDecimal::valueOf).orElse(BigDecimal.ZERO);
            String since = deal.since("stage")
                    .map(Instant::toString)
                    .orElse(deal.createdAt().toString());
            dealsByCompany.merge(
                    company.get(),
                    CrmRecordMapper.DealTotals.NONE.plus(outcome, value, stage, since),
                    (a, b) -> a.plus(outcome, value, stage, since));
            counters.get("deals").sent++;
            dealRows.add(new DealsTable.Row(
                    deal.id(), company.get(), deal.text("name").orElse(""), stage, outcome, value, since));
            keep(batch, snapshot, "deals", deal.id(), company, "synced", null);
        }

        void company(AttioRecord company, CdpRecords.Snapshot snapshot, Batch batch) {
            CrmRecordMapper.Mapped mapped = CrmRecordMapper.company(
                    company,
                    mapping,
                    dealsByCompany.getOrDefault(company.id(), CrmRecordMapper.DealTotals.NONE),
                    linked.getOrDefault(company.id(), List.of()));
            if (mapped.skipped().isPresent()) {
                skip(
                        batch,
                        snapshot,
                        "companies",
                        company.id(),
                        mapped.skipped().get());
                return;
            }
            String key = mapped.key().orElseThrow();
            // A full read goes oldest first, so the older company of a shared domain is met first; a
            // webhook's single company asks what the last full read recorded.
            String holder = companyByKey.putIfAbsent(key, company.id());
            Optional<String> other = holder != null && !holder.equals(company.id())
                    ? Optional.of(holder)
                    : singleRecord
                            ? records.otherWithKey(workspaceId, "companies", key, company.id())
                            : Optional.empty();
            if (other.isPresent()) {
                skip(
                        batch,
                        snapshot,
                        "companies",
                        company.id(),
                        "domain " + key + " is also Attio company " + other.get() + " (the older one is sent)");
                return;
            }
            companyKeys.put(company.id(), key);
            send(
                    batch,
                    "companies",
                    company.id(),
                    key,
                    mapped,
                    snapshot,
                    (uuid, at) -> CdpEvents.groupIdentify(uuid, key, mapped.properties(), at));
        }

        void person(AttioRecord person, CdpRecords.Snapshot snapshot, Batch batch) {
            Optional<String> companyId = person.reference("company");
            Optional<String> companyKey = companyId.flatMap(id ->
                    Optional.ofNullable(companyKeys.get(id)).or(() -> records.keyOf(workspaceId, "companies", id)));
            CrmRecordMapper.Mapped mapped = CrmRecordMapper.person(person, mapping, companyKey);
            if (mapped.skipped().isPresent()) {
                skip(batch, snapshot, "people", person.id(), mapped.skipped().get());
                return;
            }
            String email = mapped.key().orElseThrow();
            send(
                    batch,
                    "people",
                    person.id(),
                    email,
                    mapped,
                    snapshot,
                    (uuid, at) -> CdpEvents.identify(uuid, email, mapped.properties(), companyKey.orElse(null), at));
        }

        void skip(Batch batch, CdpRecords.Snapshot snapshot, String object, String recordId, String reason) {
            counters.get(object).skip(reason);
            keep(batch, snapshot, object, recordId, Optional.empty(), "skipped", reason);
        }

        /**
         * Saves an outcome that sends nothing, unless the record's snapshot says it already: then
         * only this run's bitset of seen numbers records that it was read.
         */
        void keep(
                Batch batch,
                CdpRecords.Snapshot snapshot,
                String object,
                String recordId,
                Optional<String> key,
                String outcome,
                String reason) {
            if (snapshot != null && snapshot.alreadySays(key, outcome, reason)) {
                return;
            }
            batch.save(object, recordId, key, outcome, reason);
        }

        void send(
                Batch batch,
                String object,
                String recordId,
                String key,
                CrmRecordMapper.Mapped mapped,
                CdpRecords.Snapshot snapshot,
                java.util.function.BiFunction<java.util.UUID, Instant, PostHogCaptureEvent> event) {
            String hash = CdpEvents.hash(json, key, mapped.properties());
            boolean toPostHog = posthog
                    && (options.full()
                            || snapshot == null
                            || !snapshot.posthogHash().equals(Optional.of(hash)));
            boolean toStore =
                    options.full() || snapshot == null || !snapshot.storeHash().equals(Optional.of(hash));
            String note = mapped.notes().isEmpty() ? null : String.join("; ", mapped.notes());
            Counter counter = counters.get(object);
            if (!toPostHog && !toStore) {
                counter.unchanged++;
                keep(batch, snapshot, object, recordId, Optional.of(key), "synced", note);
                return;
            }
            PostHogCaptureEvent e =
                    event.apply(CdpEvents.uuid(workspaceId, object, recordId, hash, generation), clock.instant());
            counter.sent++;
            batch.send(object, recordId, key, hash, e, toPostHog, toStore, note);
        }

        /** After a complete read: records Beton synced that Attio no longer has get the soft-delete marker. */
        void markDeleted(String object) {
            List<CdpRecords.Snapshot> gone = records.goneAfter(
                    workspaceId, object, runNumber, seen.getOrDefault(object, new java.util.BitSet()));
            Batch batch = new Batch();
            batch.knows(object, gone.stream().map(CdpRecords.Snapshot::recordId).toList());
            for (CdpRecords.Snapshot snapshot : gone) {
                if (object.equals("deals")
                        || snapshot.key().isEmpty()
                        || !snapshot.outcome().equals("synced")) {
                    batch.save(object, snapshot.recordId(), Optional.empty(), "deleted", "gone from Attio");
                    counters.get(object).deleted++;
                    continue;
                }
                String key = snapshot.key().get();
                Map<String, Object> marker = new LinkedHashMap<>();
                marker.put("attio_record_id", snapshot.recordId());
                marker.put("attio_deleted", true);
                marker.put("attio_deleted_at", clock.instant().toString());
                String hash = CdpEvents.hash(json, key, Map.of("attio_deleted", true));
                java.util.UUID uuid = CdpEvents.uuid(workspaceId, object, snapshot.recordId(), hash, generation);
                PostHogCaptureEvent event = object.equals("companies")
                        ? CdpEvents.groupIdentify(uuid, key, marker, clock.instant())
                        : CdpEvents.identify(uuid, key, marker, null, clock.instant());
                counters.get(object).deleted++;
                batch.send(object, snapshot.recordId(), key, hash, event, posthog, true, "gone from Attio");
                batch.outcomeOfLast("deleted");
            }
            batch.flush(counters.get(object));
        }

        // ---- a webhook's single record ----

        void one(String eventType, String recordId) {
            singleRecord = true;
            if (eventType.equals("record.deleted") || eventType.equals("record.merged")) {
                for (String object : List.of("companies", "people", "deals")) {
                    Optional<CdpRecords.Snapshot> known = records.one(workspaceId, object, recordId);
                    if (known.isPresent()) {
                        Optional<AttioRecord> still = attio.record(object, recordId);
                        if (still.isEmpty()) {
                            goneOne(object, known.get());
                        }
                        return;
                    }
                }
                return;
            }
            Optional<AttioRecord> company = attio.record("companies", recordId);
            if (company.isPresent()) {
                companyWithDeals(company.get());
                return;
            }
            Optional<AttioRecord> person = attio.record("people", recordId);
            if (person.isPresent()) {
                handlePage("people", List.of(person.get()));
                return;
            }
            Optional<AttioRecord> deal;
            try {
                deal = attio.record("deals", recordId);
            } catch (AttioException.NotFound noDeals) {
                deal = Optional.empty();
            }
            deal.flatMap(d -> d.reference("associated_company"))
                    .flatMap(c -> attio.record("companies", c))
                    .ifPresent(this::companyWithDeals);
        }

        void companyWithDeals(AttioRecord company) {
            List<AttioRecord> deals;
            try {
                deals = attio.query(
                        "deals",
                        Map.of(
                                "associated_company",
                                Map.of("target_object", "companies", "target_record_id", company.id())));
            } catch (AttioException.NotFound noDeals) {
                deals = List.of();
            }
            dealsComplete = true;
            handlePage("deals", deals);
            handlePage("companies", List.of(company));
        }

        void goneOne(String object, CdpRecords.Snapshot snapshot) {
            // Reuse the full read's marker: a run number past every record marks exactly this one.
            Batch batch = new Batch();
            batch.knows(object, List.of(snapshot.recordId()));
            if (snapshot.key().isEmpty() || object.equals("deals")) {
                batch.save(object, snapshot.recordId(), Optional.empty(), "deleted", "gone from Attio");
                batch.flush(counters.get(object));
                return;
            }
            String key = snapshot.key().get();
            Map<String, Object> marker = Map.of(
                    "attio_record_id",
                    snapshot.recordId(),
                    "attio_deleted",
                    true,
                    "attio_deleted_at",
                    clock.instant().toString());
            String hash = CdpEvents.hash(json, key, Map.of("attio_deleted", true));
            java.util.UUID uuid = CdpEvents.uuid(workspaceId, object, snapshot.recordId(), hash, generation);
            PostHogCaptureEvent event = object.equals("companies")
                    ? CdpEvents.groupIdentify(uuid, key, marker, clock.instant())
                    : CdpEvents.identify(uuid, key, marker, null, clock.instant());
            batch.send(object, snapshot.recordId(), key, hash, event, posthog, true, "gone from Attio");
            batch.outcomeOfLast("deleted");
            batch.flush(counters.get(object));
        }

        // ---- the page's writes ----

        final class Batch {
            final List<PostHogCaptureEvent> toPostHog = new ArrayList<>();
            final List<PostHogCaptureEvent> toStore = new ArrayList<>();
            final List<Save> saves = new ArrayList<>();
            /** Records found in cdp_records before the page: updated, the others inserted. */
            final java.util.Set<String> known = new java.util.HashSet<>();

            void knows(String object, java.util.Collection<String> recordIds) {
                recordIds.forEach(id -> known.add(CdpRecords.keyOf(object, id)));
            }

            /** Records that have their number already (the others get one when saved). */
            final java.util.Set<String> numbered = new java.util.HashSet<>();

            void numbered(String object, String recordId) {
                numbered.add(CdpRecords.keyOf(object, recordId));
            }

            record Save(
                    String object,
                    String recordId,
                    Optional<String> key,
                    Optional<String> posthogHash,
                    Optional<String> storeHash,
                    Optional<String> uuid,
                    String[] outcome,
                    String reason) {}

            void save(String object, String recordId, Optional<String> key, String outcome, String reason) {
                saves.add(new Save(
                        object,
                        recordId,
                        key,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        new String[] {outcome},
                        reason));
            }

            void send(
                    String object,
                    String recordId,
                    String key,
                    String hash,
                    PostHogCaptureEvent event,
                    boolean posthogToo,
                    boolean storeToo,
                    String note) {
                if (posthogToo) {
                    toPostHog.add(event);
                }
                if (storeToo) {
                    toStore.add(event);
                }
                saves.add(new Save(
                        object,
                        recordId,
                        Optional.of(key),
                        posthogToo ? Optional.of(hash) : Optional.empty(),
                        storeToo ? Optional.of(hash) : Optional.empty(),
                        posthogToo ? Optional.of(event.uuid().toString()) : Optional.empty(),
                        new String[] {"synced"},
                        note));
            }

            void outcomeOfLast(String outcome) {
                saves.get(saves.size() - 1).outcome()[0] = outcome;
            }

            /** Writes the page now: its events to both places, then its outcomes. */
            void flush(Counter counter) {
                start(counter).finish();
            }

            /**
             * Hands the page's events to the embedded store's writer and queues them for PostHog;
             * the outcomes are saved by {@link Committing#finish()}, once the store has committed.
             */
            Committing start(Counter counter) {
                if (options.dryRun()) {
                    queued += toPostHog.size();
                    stored += toStore.size();
                    return new Committing(this, counter, null, null);
                }
                java.util.concurrent.CompletableFuture<IngestResult> storing = null;
                String storeProblem = null;
                if (!toStore.isEmpty()) {
                    try {
                        Instant now = clock.instant();
                        List<IncomingEvent> incoming = new ArrayList<>();
                        for (PostHogCaptureEvent e : toStore) {
                            JsonNode raw = json.valueToTree(CdpEvents.wire(e));
                            incoming.add(
                                    ingestion.parser().parse(raw, now, Optional.empty(), EventParser.Source.CAPTURE));
                        }
                        storing = ingestion.submit(workspaceId, incoming);
                    } catch (RuntimeException e) {
                        storeProblem = "the embedded store did not take it (" + e.getMessage() + ")";
                    }
                }
                if (!toPostHog.isEmpty()) {
                    queued += queue.enqueueCrm(workspaceId, toPostHog);
                }
                return new Committing(this, counter, storing, storeProblem);
            }
        }

        /** A page whose events the embedded store is committing; its outcomes are saved after. */
        final class Committing {
            private final Batch batch;
            private final Counter counter;
            private final java.util.concurrent.CompletableFuture<IngestResult> storing;
            private String storeProblem;

            Committing(
                    Batch batch,
                    Counter counter,
                    java.util.concurrent.CompletableFuture<IngestResult> storing,
                    String storeProblem) {
                this.batch = batch;
                this.counter = counter;
                this.storing = storing;
                this.storeProblem = storeProblem;
            }

            /** Waits for the store's commit, then saves each record's outcome. */
            void finish() {
                if (options.dryRun()) {
                    return;
                }
                if (storing != null) {
                    try {
                        EventIngestion.await(storing);
                        stored += batch.toStore.size();
                    } catch (RuntimeException e) {
                        storeProblem = "the embedded store did not take it (" + e.getMessage() + ")";
                    }
                }
                boolean storeFailed = storeProblem != null;
                List<CdpRecords.Outcome> outcomes = new ArrayList<>(batch.saves.size());
                for (Batch.Save s : batch.saves) {
                    boolean failedHere = storeFailed && s.storeHash().isPresent();
                    if (failedHere && s.posthogHash().isEmpty()) {
                        counter.failed++;
                        counter.sent--;
                    }
                    outcomes.add(new CdpRecords.Outcome(
                            s.object(),
                            s.recordId(),
                            s.key(),
                            s.posthogHash(),
                            failedHere ? Optional.empty() : s.storeHash(),
                            s.uuid(),
                            failedHere && s.posthogHash().isEmpty() ? "failed" : s.outcome()[0],
                            failedHere ? storeProblem : s.reason(),
                            !batch.numbered.contains(CdpRecords.keyOf(s.object(), s.recordId()))));
                }
                records.saveAll(workspaceId, outcomes, batch.known, runNumber, clock.instant());
            }
        }

        List<ObjectRun> objectRuns() {
            List<ObjectRun> runs = new ArrayList<>();
            counters.forEach((object, c) -> runs.add(new ObjectRun(
                    object,
                    c.read,
                    c.sent,
                    c.unchanged,
                    c.skipped,
                    c.failed,
                    c.deleted,
                    Map.copyOf(c.skippedBy),
                    Optional.ofNullable(c.stopped))));
            return runs;
        }

        String summary() {
            StringBuilder text = new StringBuilder(options.dryRun() ? "Dry run (nothing sent): " : "");
            List<String> parts = new ArrayList<>();
            counters.forEach((object, c) -> {
                StringBuilder part = new StringBuilder(capital(object) + ": " + c.read + " read, " + c.sent
                        + (object.equals("deals") ? " on their companies" : options.dryRun() ? " to send" : " sent")
                        + ", " + c.unchanged + " unchanged, " + c.skipped + " skipped");
                if (!c.skippedBy.isEmpty()) {
                    part.append(" (");
                    List<String> reasons = new ArrayList<>();
                    c.skippedBy.forEach((reason, n) -> reasons.add(reason + ": " + n));
                    part.append(String.join("; ", reasons)).append(')');
                }
                part.append(", ").append(c.failed).append(" failed");
                if (c.deleted > 0) {
                    part.append(", ").append(c.deleted).append(" marked deleted");
                }
                parts.add(part.toString());
            });
            text.append(String.join(". ", parts)).append('.');
            if (!posthog) {
                text.append(" PostHog is not connected: the CRM properties went to Beton's own store only.");
            } else {
                text.append(' ')
                        .append(queued)
                        .append(
                                options.dryRun()
                                        ? " events would be queued for PostHog."
                                        : " events queued for PostHog.");
            }
            dealsTableNote.ifPresent(note -> text.append(' ').append(note));
            stops.forEach(s -> text.append(' ').append(s));
            return text.toString();
        }
    }

    private static String capital(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Counts of one object in one run. */
    private static final class Counter {
        int read;
        int sent;
        int unchanged;
        int skipped;
        int failed;
        int deleted;
        String stopped;
        final Map<String, Integer> skippedBy = new LinkedHashMap<>();

        void skip(String reason) {
            skipped++;
            skippedBy.merge(
                    reason.startsWith("domain ")
                            ? "domain shared with another company"
                            : reason.startsWith("linked to ") ? "linked to several accounts" : reason,
                    1,
                    Integer::sum);
        }
    }
}
