package dev.beton.detection;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.jobs.JobRuns;
import dev.beton.jobs.RunningJob;
import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.signals.CompanyGroupType;
import dev.beton.signals.CooldownKey;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalRun;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs all enabled signals of one workspace as of an instant: queries its warehouse (and only
 * its), applies cooldowns against the stored firings, scores, stores outcomes and receipts,
 * announces fired signals as events and records the run in the detection and job histories. A
 * failing signal query makes the run partial; the other signals are still stored.
 */
@Service
public class Detector {

    static final String JOB_TYPE = "detection";
    private static final Logger log = LoggerFactory.getLogger(Detector.class);

    private final EmbeddedWarehouse warehouse;
    private final SignalSettingsStore settings;
    private final SignalStore store;
    private final DetectionRuns runs;
    private final JobRuns jobs;
    private final SignalFiredEvents events;
    private final Clock clock;

    Detector(
            EmbeddedWarehouse warehouse,
            SignalSettingsStore settings,
            SignalStore store,
            DetectionRuns runs,
            JobRuns jobs,
            SignalFiredEvents events,
            Clock clock) {
        this.warehouse = warehouse;
        this.settings = settings;
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

    /** {@code around} wraps the warehouse runner, so tests can make one signal's query fail. */
    DetectionResult detect(
            long workspaceId,
            Instant asOf,
            Trigger trigger,
            DetectionProgress progress,
            UnaryOperator<QueryRunner> around) {
        Instant started = clock.instant();
        try (RunningJob job = jobs.start(Optional.of(workspaceId), JOB_TYPE, OptionalLong.empty())) {
            long runId = runs.start(workspaceId, job.id(), trigger, asOf, started);
            DetectionProgress both = (done, total) -> {
                job.progress(done, total);
                progress.step(done, total);
            };
            try {
                DetectionResult result = detectAndStore(workspaceId, runId, asOf, both, around);
                end(job, result.run());
                return result;
            } catch (RuntimeException e) {
                log.warn("Detection run {} of workspace {} failed", runId, workspaceId, e);
                String error = "The run failed: " + e.getMessage();
                runs.finish(runId, RunStatus.FAILED, clock.instant(), 0, 0, 0, List.of(error));
                job.failed(error);
                return new DetectionResult(runs.byId(workspaceId, runId).orElseThrow(), emptyRun(asOf), false);
            }
        }
    }

    /** Detects and scores without storing or announcing anything. */
    public DetectionResult dryRun(long workspaceId, Instant asOf, DetectionProgress progress) {
        Instant started = clock.instant();
        Scan scan = scan(workspaceId, asOf, progress, UnaryOperator.identity());
        DetectionRun run = new DetectionRun(
                0,
                workspaceId,
                Optional.empty(),
                Trigger.CLI,
                asOf,
                statusOf(scan),
                started,
                Optional.of(clock.instant()),
                scan.accounts(),
                scan.signals().fired().size(),
                scan.signals().outcomes().size() - scan.signals().fired().size(),
                scan.errors());
        return new DetectionResult(run, scan.signals(), true);
    }

    private DetectionResult detectAndStore(
            long workspaceId, long runId, Instant asOf, DetectionProgress progress, UnaryOperator<QueryRunner> around) {
        Scan scan = scan(workspaceId, asOf, progress, around);
        SignalRun signals = scan.signals();
        store.replace(workspaceId, runId, signals);
        List<String> errors = new ArrayList<>(scan.errors());
        try {
            events.announce(workspaceId, signals);
        } catch (RuntimeException e) {
            log.warn("Storing beton_signal_fired events of run {} failed", runId, e);
            errors.add("beton_signal_fired events: " + e.getMessage());
        }
        int fired = signals.fired().size();
        RunStatus status = statusOf(scan);
        if (status == RunStatus.SUCCEEDED && errors.size() > scan.errors().size()) {
            status = RunStatus.PARTIAL;
        }
        runs.finish(
                runId,
                status,
                clock.instant(),
                scan.accounts(),
                fired,
                signals.outcomes().size() - fired,
                errors);
        progress.step(scan.steps(), scan.steps());
        return new DetectionResult(runs.byId(workspaceId, runId).orElseThrow(), signals, false);
    }

    private record Scan(SignalRun signals, long accounts, List<String> errors, int steps, int queries) {}

    private Scan scan(long workspaceId, Instant asOf, DetectionProgress progress, UnaryOperator<QueryRunner> around) {
        OptionalInt companyIndex = CompanyGroupType.indexIn(groupTypes(workspaceId));
        if (companyIndex.isEmpty()) {
            // Nothing to detect yet: no event has carried a company group.
            progress.step(1, 1);
            return new Scan(emptyRun(asOf), 0, List.of(), 1, 0);
        }
        SignalCatalog catalog = SignalCatalog.of(settings.current(workspaceId), companyIndex.getAsInt());
        int steps = catalog.enabledTypes().size() + 2;
        progress.step(0, steps);
        long accounts = accountsSeen(workspaceId, companyIndex.getAsInt(), asOf);
        AtomicInteger done = new AtomicInteger(1);
        progress.step(done.get(), steps);
        QueryRunner runner = around.apply(new WarehouseQueryRunner(warehouse, workspaceId));
        QueryRunner counting = query -> {
            try {
                return runner.run(query);
            } finally {
                progress.step(done.incrementAndGet(), steps);
            }
        };
        Map<CooldownKey, Instant> lastFired = store.lastFired(workspaceId, asOf);
        SignalRun signals = catalog.run(asOf, Dialect.DUCKDB, counting, lastFired);
        List<String> errors = signals.failures().stream()
                .map(f -> f.type().key() + " (" + f.definition() + "): "
                        + f.cause().getMessage())
                .toList();
        signals.failures()
                .forEach(f ->
                        log.warn("Signal {} failed in workspace {}", f.type().key(), workspaceId, f.cause()));
        return new Scan(signals, accounts, errors, steps, catalog.enabledTypes().size());
    }

    private Map<Integer, String> groupTypes(long workspaceId) {
        return warehouse.read(workspaceId, connection -> {
            Map<Integer, String> types = new HashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT group_type_index, group_type FROM group_types")) {
                while (rows.next()) {
                    types.put(rows.getInt(1), rows.getString(2));
                }
            }
            return types;
        });
    }

    private long accountsSeen(long workspaceId, int companyIndex, Instant asOf) {
        String column = "\"$group_" + companyIndex + "\"";
        return warehouse.read(workspaceId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT count(DISTINCT " + column
                    + ") FROM events WHERE timestamp < ? AND " + column + " IS NOT NULL")) {
                statement.setObject(1, LocalDateTime.ofInstant(asOf, ZoneOffset.UTC));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private static RunStatus statusOf(Scan scan) {
        int failed = scan.signals().failures().size();
        if (failed == 0) {
            return RunStatus.SUCCEEDED;
        }
        // Every query failed: nothing was detected, which is not a partial result.
        return failed >= scan.queries() ? RunStatus.FAILED : RunStatus.PARTIAL;
    }

    private static SignalRun emptyRun(Instant asOf) {
        return new SignalRun(asOf, Dialect.DUCKDB, List.of(), List.of(), List.of());
    }

    private static void end(RunningJob job, DetectionRun run) {
        switch (run.status()) {
            case SUCCEEDED -> job.succeeded(run.summary());
            case PARTIAL -> job.partial(run.summary(), String.join("\n", run.errors()));
            case FAILED, RUNNING -> job.failed(String.join("\n", run.errors()));
        }
    }
}
