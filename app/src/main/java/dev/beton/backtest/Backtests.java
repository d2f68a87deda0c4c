package dev.beton.backtest;

import dev.beton.detection.DetectionProperties;
import dev.beton.detection.SignalSettingsStore;
import dev.beton.detection.WarehouseQueryRunner;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.jobs.JobRuns;
import dev.beton.jobs.RunningJob;
import dev.beton.signals.CustomSignal;
import dev.beton.signals.PromotedSignals;
import dev.beton.signals.SettingsError;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalType;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs, stores and lists backtests of one workspace's embedded store. A run replays detection as of
 * 06:00 (in the detection zone) of each of the last {@code days} days with the given settings
 * (the live ones unless a draft is given), then scores the replay against the CRM mirror.
 */
@Service
public class Backtests {

    private static final Logger log = LoggerFactory.getLogger(Backtests.class);

    /** The {@code job_runs.job_type} of a backtest. */
    public static final String JOB_TYPE = "backtest";

    public static final int DEFAULT_DAYS = 180;
    public static final int MAX_DAYS = 400;
    public static final int DEFAULT_ATTRIBUTION_DAYS = 90;
    public static final int DEFAULT_MINIMUM_CLOSED_DEALS = 10;
    static final LocalTime REPLAY_TIME = LocalTime.of(6, 0);

    /**
     * @param settings a draft to try; empty = the workspace's live settings
     * @param label how the settings version is called on the page ({@code live} or the draft's name)
     */
    public record Request(int days, int attributionDays, Optional<SignalSettings> settings, String label) {

        public static Request defaults() {
            return new Request(DEFAULT_DAYS, DEFAULT_ATTRIBUTION_DAYS, Optional.empty(), "live");
        }

        /** One sentence per invalid field; empty when the request can run. */
        public List<String> errors() {
            List<String> errors = new ArrayList<>();
            if (days < 1 || days > MAX_DAYS) {
                errors.add("days must be between 1 and " + MAX_DAYS + ", got " + days);
            }
            if (attributionDays < 1 || attributionDays > 365) {
                errors.add("attributionDays must be between 1 and 365, got " + attributionDays);
            }
            if (label == null || label.isBlank() || label.length() > 64) {
                errors.add("label must be 1 to 64 characters");
            }
            settings.ifPresent(s -> s.errors().forEach(e -> errors.add("settings." + e.field() + ": " + e.message())));
            return errors;
        }
    }

    private final EmbeddedWarehouse warehouse;
    private final CrmMirror crm;
    private final SignalSettingsStore settingsStore;
    private final PromotedSignals promoted;
    private final BacktestStore store;
    private final JobRuns jobs;
    private final OutcomeLabels labels;
    private final JsonMapper json;
    private final ZoneId zone;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "backtests");
        thread.setDaemon(true);
        return thread;
    });

    Backtests(
            EmbeddedWarehouse warehouse,
            CrmMirror crm,
            SignalSettingsStore settingsStore,
            PromotedSignals promoted,
            BacktestStore store,
            JobRuns jobs,
            Optional<OutcomeLabels> labels,
            JsonMapper json,
            DetectionProperties detection,
            Clock clock) {
        this.warehouse = warehouse;
        this.crm = crm;
        this.settingsStore = settingsStore;
        this.promoted = promoted;
        this.store = store;
        this.jobs = jobs;
        this.labels = labels.orElse(OutcomeLabels.NONE);
        this.json = json;
        this.zone = detection.zone();
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /** Starts a run in the background and returns it (status RUNNING); its progress is stored. */
    public BacktestRun start(long workspaceId, Request request) {
        Prepared prepared = prepare(workspaceId, request);
        background.submit(() -> execute(prepared, (done, total) -> {}));
        return store.byId(workspaceId, prepared.runId()).orElseThrow();
    }

    /** Runs to the end in the calling thread (CLI, demo, tests); {@code progress} sees every day. */
    public BacktestRun run(long workspaceId, Request request, BacktestProgress progress) {
        Prepared prepared = prepare(workspaceId, request);
        execute(prepared, progress);
        return store.byId(workspaceId, prepared.runId()).orElseThrow();
    }

    public List<BacktestRun> recent(long workspaceId, int limit) {
        return store.recent(workspaceId, limit);
    }

    public Optional<BacktestRun> byId(long workspaceId, long runId) {
        return store.byId(workspaceId, runId);
    }

    /** The workspace's live signal settings (what a draft starts from). */
    public SignalSettings liveSettings(long workspaceId) {
        return settingsStore.current(workspaceId);
    }

    /** The settings a run replayed with. */
    public Optional<SignalSettings> settingsOf(long workspaceId, long runId) {
        return store.settingsOf(workspaceId, runId).map(text -> json.readValue(text, SignalSettings.class));
    }

    /** Stores the settings a run replayed as the workspace's live settings; returns them. */
    public SignalSettings promote(long workspaceId, long runId) {
        SignalSettings settings =
                settingsOf(workspaceId, runId).orElseThrow(() -> new IllegalArgumentException("No backtest " + runId));
        List<SettingsError> errors = settingsStore.save(workspaceId, settings);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("The backtest's settings are no longer valid: " + errors);
        }
        return settingsStore.current(workspaceId);
    }

    Map<String, Integer> peakScores(long runId) {
        return store.peakScores(runId);
    }

    /** The replay instants: 06:00 in the detection zone of each of the last {@code days} days, ascending. */
    static List<Instant> replayDays(Instant now, ZoneId zone, int days) {
        ZonedDateTime last = now.atZone(zone).toLocalDate().atTime(REPLAY_TIME).atZone(zone);
        if (last.toInstant().isAfter(now)) {
            last = last.minusDays(1);
        }
        List<Instant> instants = new ArrayList<>(days);
        for (int back = days - 1; back >= 0; back--) {
            instants.add(last.minusDays(back).toInstant());
        }
        return instants;
    }

    public String settingsVersion(SignalSettings settings) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(settings).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Prepared(
            long runId,
            RunningJob job,
            long workspaceId,
            Request request,
            SignalSettings settings,
            List<Instant> days,
            Instant periodEnd) {}

    private Prepared prepare(long workspaceId, Request request) {
        List<String> errors = request.errors();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        SignalSettings settings = request.settings()
                .orElseGet(() -> settingsStore.current(workspaceId))
                .validated();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Instant> days = replayDays(now, zone, request.days());
        RunningJob job = jobs.start(Optional.of(workspaceId), JOB_TYPE, OptionalLong.of(days.size()));
        long runId = store.start(
                workspaceId,
                job.id(),
                settingsVersion(settings),
                request.label(),
                json.writeValueAsString(settings),
                days.getFirst(),
                now,
                days.size(),
                request.attributionDays());
        return new Prepared(runId, job, workspaceId, request, settings, days, now);
    }

    private void execute(Prepared run, BacktestProgress progress) {
        try {
            OptionalInt companyIndex = crm.companyIndex(run.workspaceId());
            List<ReplayDay> replayed = new ArrayList<>();
            List<CustomSignal> custom = List.of();
            Set<String> accounts = Set.of();
            if (companyIndex.isPresent()) {
                // A strict catalog: a past day never reads present-day group properties.
                // Enabled custom signals (promoted rules) replay beside the eight, read when the run starts.
                custom = promoted.enabled(run.workspaceId());
                SignalCatalog catalog = SignalCatalog.of(run.settings(), companyIndex.getAsInt())
                        .withCustomSignals(custom);
                // One scan per signal for all days (§6), parity with the day-by-day replay tested.
                Replay replay = new Replay(
                        catalog,
                        new WarehouseQueryRunner(warehouse, run.workspaceId()),
                        Replay.Strategy.WINDOWED,
                        companyIndex.getAsInt());
                replayed = replay.run(run.days(), (done, total) -> {
                    run.job().progress(done, total);
                    progress.day(done, total);
                });
                accounts = crm.accountsSeen(run.workspaceId(), companyIndex.getAsInt(), run.periodEnd());
            }
            Map<SignalType, Integer> thresholds = new TreeMap<>();
            for (SignalType type : SignalType.builtIns()) {
                if (run.settings().tuning(type).enabled()) {
                    thresholds.put(type, run.settings().tuning(type).threshold());
                }
            }
            // A custom type has no threshold: its metrics row shows 0 and it has no what-if curve.
            custom.forEach(c -> thresholds.put(c.type(), 0));
            BacktestReport report = BacktestMetrics.compute(new BacktestMetrics.Inputs(
                    replayed,
                    run.periodEnd(),
                    Duration.ofDays(run.request().attributionDays()),
                    run.settings().routingThreshold(),
                    thresholds,
                    crm.deals(run.workspaceId()),
                    labels.negatives(run.workspaceId()),
                    accounts,
                    crm.firstEvent(run.workspaceId()),
                    DEFAULT_MINIMUM_CLOSED_DEALS));
            store.succeed(run.runId(), replayed, report);
            run.job().progress(run.days().size(), run.days().size());
            run.job()
                    .succeeded("Backtest " + run.runId() + ": " + run.days().size() + " days replayed with settings "
                            + run.request().label() + ".");
        } catch (RuntimeException e) {
            log.warn("Backtest {} of workspace {} failed", run.runId(), run.workspaceId(), e);
            run.job().failed("The backtest failed: " + e.getMessage());
        }
    }
}
