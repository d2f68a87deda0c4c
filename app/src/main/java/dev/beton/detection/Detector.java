package dev.beton.detection;

import dev.beton.jobs.JobRuns;
import dev.beton.jobs.JobStatus;
import dev.beton.jobs.RunningJob;
import dev.beton.query.Dialect;
import dev.beton.query.Expressions;
import dev.beton.query.Query;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.signals.CooldownKey;
import dev.beton.signals.PromotedSignals;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalRun;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Runs all enabled signals of one workspace as of an instant: queries its event source (its
 * embedded warehouse in DuckDB SQL, or its PostHog project in HogQL — and only that workspace's),
 * applies cooldowns against the stored firings, scores, stores outcomes and receipts, announces
 * fired signals as events, queues them and the scores for PostHog, and records the run and the
 * queries it sent in the detection and job histories. A failing signal query makes the run
 * partial; the other signals are still stored.
 */
@Service
public class Detector {

    static final String JOB_TYPE = "detection";
    private static final Logger log = LoggerFactory.getLogger(Detector.class);

    static final String ACCOUNTS_SEEN = "accounts_seen";

    /** How far back an asOf still counts as "now" (a late pick of the 06:00 run). */
    static final Duration PRESENT_DAY = Duration.ofDays(1);

    private final DetectionSources sources;
    private final SignalSettingsStore settings;
    private final PromotedSignals promoted;
    private final SignalStore store;
    private final DetectionRuns runs;
    private final JobRuns jobs;
    private final SignalFiredEvents events;
    private final PostHogSendBack sendBack;
    private final RunQueries runQueries;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    Detector(
            DetectionSources sources,
            SignalSettingsStore settings,
            PromotedSignals promoted,
            SignalStore store,
            DetectionRuns runs,
            JobRuns jobs,
            SignalFiredEvents events,
            PostHogSendBack sendBack,
            RunQueries runQueries,
            ApplicationEventPublisher publisher,
            Clock clock) {
        this.publisher = publisher;
        this.sources = sources;
        this.sendBack = sendBack;
        this.runQueries = runQueries;
        this.settings = settings;
        this.promoted = promoted;
        this.store = store;
        this.runs = runs;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    /** "Now" for a run, to the second: run instants are shown, compared and hashed into event uuids. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Detects, stores and announces; the run is in the history whatever its outcome. */
    public DetectionResult detect(long workspaceId, Instant asOf, Trigger trigger, DetectionProgress progress) {
        return detect(workspaceId, asOf, trigger, progress, UnaryOperator.identity());
    }

    /** {@code around} wraps the source's runner, so tests can make one signal's query fail. */
    DetectionResult detect(
            long workspaceId,
            Instant asOf,
            Trigger trigger,
            DetectionProgress progress,
            UnaryOperator<QueryRunner> around) {
        try (RunningJob job = jobs.start(Optional.of(workspaceId), JOB_TYPE, OptionalLong.empty())) {
            long runId = runs.start(
                    workspaceId,
                    job.id(),
                    trigger,
                    asOf,
                    sources.chosen(workspaceId).id());
            DetectionProgress both = (done, total) -> {
                job.progress(done, total);
                progress.step(done, total);
            };
            try {
                DetectionResult result = detectAndStore(workspaceId, runId, job, asOf, both, around);
                if (result.run().status() != JobStatus.FAILED) {
                    announceFinished(new DetectionFinished(workspaceId, runId, asOf));
                }
                return result;
            } catch (RuntimeException e) {
                log.warn("Detection run {} of workspace {} failed", runId, workspaceId, e);
                String error = "The run failed: " + e.getMessage();
                runs.record(runId, 0, 0, 0, List.of(error));
                job.failed(error);
                return new DetectionResult(runs.byId(workspaceId, runId).orElseThrow(), emptyRun(asOf), false);
            }
        }
    }

    /** Listeners (routing to the CRM) never fail the run that is already stored. */
    private void announceFinished(DetectionFinished finished) {
        try {
            publisher.publishEvent(finished);
        } catch (RuntimeException e) {
            log.warn("A listener of detection run {} failed", finished.runId(), e);
        }
    }

    /** Detects and scores without storing or announcing anything. */
    public DetectionResult dryRun(long workspaceId, Instant asOf, DetectionProgress progress) {
        Instant started = clock.instant();
        Scan scan = scan(workspaceId, asOf, progress, UnaryOperator.identity(), new ArrayList<>());
        int fired = scan.signals().fired().size();
        DetectionRun run = DetectionRun.unrecorded(
                workspaceId,
                Trigger.CLI,
                asOf,
                statusOf(scan),
                started,
                clock.instant(),
                new DetectionRun.Counts(
                        scan.accounts(), fired, scan.signals().outcomes().size() - fired),
                scan.errors(),
                sources.chosen(workspaceId).id());
        return new DetectionResult(run, scan.signals(), true);
    }

    private DetectionResult detectAndStore(
            long workspaceId,
            long runId,
            RunningJob job,
            Instant asOf,
            DetectionProgress progress,
            UnaryOperator<QueryRunner> around) {
        List<SentQuery> sent = new ArrayList<>();
        Scan scan;
        try {
            scan = scan(workspaceId, asOf, progress, around, sent);
        } finally {
            // Also the queries of a run that failed half-way: they are what the user needs to see.
            runQueries.save(runId, sent);
        }
        SignalRun signals = scan.signals();
        store.replace(workspaceId, runId, signals);
        List<String> errors = new ArrayList<>(scan.errors());
        try {
            events.announce(workspaceId, signals);
        } catch (RuntimeException e) {
            log.warn("Storing beton_signal_fired events of run {} failed", runId, e);
            errors.add("beton_signal_fired events: " + e.getMessage());
        }
        try {
            // Only queued here: sending happens later and a PostHog outage never touches the run.
            sendBack.queue(workspaceId, runId, signals);
        } catch (RuntimeException e) {
            log.warn("Queueing run {} for PostHog failed", runId, e);
            errors.add("queueing signals and scores for PostHog: " + e.getMessage());
        }
        int fired = signals.fired().size();
        JobStatus status = statusOf(scan);
        if (status == JobStatus.SUCCEEDED && errors.size() > scan.errors().size()) {
            status = JobStatus.PARTIAL;
        }
        runs.record(runId, scan.accounts(), fired, signals.outcomes().size() - fired, errors);
        progress.step(scan.steps(), scan.steps());
        end(job, status, runs.byId(workspaceId, runId).orElseThrow());
        return new DetectionResult(runs.byId(workspaceId, runId).orElseThrow(), signals, false);
    }

    private record Scan(SignalRun signals, long accounts, List<String> errors, int steps, int queries) {}

    /** @param sent receives every query sent, also when the scan ends in an exception */
    private Scan scan(
            long workspaceId,
            Instant asOf,
            DetectionProgress progress,
            UnaryOperator<QueryRunner> around,
            List<SentQuery> sent) {
        DetectionSource source = sources.of(workspaceId);
        OptionalInt companyIndex = source.companyIndex();
        if (companyIndex.isEmpty()) {
            // Nothing to detect yet: no event has carried a company group.
            progress.step(1, 1);
            return new Scan(emptyRun(asOf), 0, List.of(), 1, 0);
        }
        SignalCatalog catalog = SignalCatalog.of(settings.current(workspaceId), companyIndex.getAsInt())
                .withCustomSignals(promoted.enabled(workspaceId));
        if (!asOf.isBefore(clock.instant().minus(PRESENT_DAY))) {
            // A live run may read current group properties where no history exists (marked in the
            // evidence); a past day never does, so a replay is not changed by later data.
            catalog = catalog.withPresentDayValues();
        }
        // Signal queries carry their definition (id@version); the one query without is accounts seen.
        QueryRecorder recorder = new QueryRecorder(
                around.apply(source.runner()), q -> q.definition().orElse(ACCOUNTS_SEEN));
        int steps = catalog.enabledTypes().size() + 2;
        progress.step(0, steps);
        try {
            long accounts = accountsSeen(recorder, source.dialect(), companyIndex.getAsInt(), asOf);
            AtomicInteger done = new AtomicInteger(1);
            progress.step(done.get(), steps);
            QueryRunner counting = query -> {
                try {
                    return recorder.run(query);
                } finally {
                    progress.step(done.incrementAndGet(), steps);
                }
            };
            Map<CooldownKey, Instant> lastFired = store.lastFired(workspaceId, asOf);
            SignalRun signals = catalog.run(asOf, source.dialect(), counting, lastFired);
            List<String> errors = new ArrayList<>(signals.failures().stream()
                    .map(f -> f.type().key() + " (" + f.definition() + "): "
                            + f.cause().getMessage())
                    .toList());
            if (source.dialect() == Dialect.HOGQL) {
                groupKeyWarning(recorder, source, catalog, companyIndex.getAsInt(), asOf, workspaceId)
                        .ifPresent(errors::add);
            }
            signals.failures()
                    .forEach(f -> log.warn(
                            "Signal {} failed on {} of workspace {}",
                            f.type().key(),
                            source.description(),
                            workspaceId,
                            f.cause()));
            return new Scan(
                    signals, accounts, errors, steps, catalog.enabledTypes().size());
        } finally {
            sent.addAll(recorder.sent());
        }
    }

    /**
     * A warning (recorded with the run, not a failure) when PostHog hides the company key of the
     * oldest events the signals look back on. A failing check only logs: it must not fail a run.
     */
    private static java.util.Optional<String> groupKeyWarning(
            QueryRunner runner,
            DetectionSource source,
            SignalCatalog catalog,
            int companyIndex,
            Instant asOf,
            long workspaceId) {
        try {
            return GroupKeyCoverage.lookBackStart(catalog.queries(asOf, source.dialect()).stream()
                            .map(q -> q.rendered())
                            .toList())
                    .flatMap(start -> GroupKeyCoverage.check(runner, source.dialect(), companyIndex, asOf, start));
        } catch (RuntimeException e) {
            log.warn("Checking company keys on {} of workspace {} failed", source.description(), workspaceId, e);
            return java.util.Optional.empty();
        }
    }

    /** Distinct companies with an event before {@code asOf}: one query model, rendered for the source. */
    private static long accountsSeen(QueryRunner runner, Dialect dialect, int companyIndex, Instant asOf) {
        Query query = Query.select(
                        Query.SelectItem.of(Expressions.distinctCount(Expressions.groupKey(companyIndex)), "accounts"))
                .where(Expressions.lt(Expressions.column("timestamp"), Expressions.asOf()))
                .where(Expressions.notBlank(Expressions.groupKey(companyIndex)))
                .build();
        RenderedQuery rendered = dialect.render(query, asOf);
        ResultRows rows = runner.run(rendered);
        if (rows.list().isEmpty()) {
            return 0;
        }
        return rows.list().getFirst().count("accounts");
    }

    private static JobStatus statusOf(Scan scan) {
        int failed = scan.signals().failures().size();
        if (failed == 0) {
            return JobStatus.SUCCEEDED;
        }
        // Every query failed: nothing was detected, which is not a partial result.
        return failed >= scan.queries() ? JobStatus.FAILED : JobStatus.PARTIAL;
    }

    private static SignalRun emptyRun(Instant asOf) {
        return new SignalRun(asOf, Dialect.DUCKDB, List.of(), List.of(), List.of());
    }

    /** Ends the job run, the one record of the run's status, with the run's summary and errors. */
    private static void end(RunningJob job, JobStatus status, DetectionRun run) {
        switch (status) {
            case SUCCEEDED -> job.succeeded(run.countsSummary());
            case PARTIAL -> job.partial(run.countsSummary(), String.join("\n", run.errors()));
            case FAILED, RUNNING -> job.failed(String.join("\n", run.errors()));
        }
    }
}
