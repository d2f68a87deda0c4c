package dev.beton.backtest;

import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalType;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Backtests of the caller's workspace: start one, list them, read one with its metrics and curves. */
@RestController
@RequestMapping("/api/v1/backtests")
class BacktestApi {

    private final Backtests backtests;
    private final CrmMirror crm;
    private final PlanHistoryGaps planHistoryGaps;

    BacktestApi(Backtests backtests, CrmMirror crm, PlanHistoryGaps planHistoryGaps) {
        this.backtests = backtests;
        this.crm = crm;
        this.planHistoryGaps = planHistoryGaps;
    }

    /** Two backtests side by side: figures and the accounts that move in or out of routing. */
    @GetMapping("/compare")
    BacktestComparison compare(CurrentWorkspace workspace, @RequestParam long first, @RequestParam long second) {
        BacktestRun a = find(workspace, first);
        BacktestRun b = find(workspace, second);
        if (a.report().isEmpty() || b.report().isEmpty()) {
            throw ProblemException.conflict("Both backtests must have finished to be compared.");
        }
        return BacktestComparison.of(
                a,
                backtests.settingsOf(workspace.id(), first).orElseThrow().routingThreshold(),
                backtests.peakScores(first),
                b,
                backtests.settingsOf(workspace.id(), second).orElseThrow().routingThreshold(),
                backtests.peakScores(second));
    }

    /** Makes the settings this backtest replayed the workspace's live signal settings (admins). */
    @PostMapping("/{id}/promote")
    SignalSettings promote(CurrentWorkspace workspace, @PathVariable long id) {
        if (!workspace.isAdmin()) {
            throw ProblemException.forbidden("Only workspace admins change signal settings.");
        }
        find(workspace, id);
        return backtests.promote(workspace.id(), id);
    }

    /**
     * ROI over the backtest's period: PQL pipeline and won revenue from the CRM mirror against
     * Beton's cost, and SDR time saved per routed account. Defaults in docs/BACKTESTING.md.
     */
    @GetMapping("/{id}/roi")
    RoiCalculator.Roi roi(
            CurrentWorkspace workspace,
            @PathVariable long id,
            @RequestParam(required = false) BigDecimal betonCostPerYear,
            @RequestParam(required = false) BigDecimal sdrHourCost,
            @RequestParam(required = false) Integer minutesSavedPerRoutedAccount) {
        BacktestRun run = find(workspace, id);
        RoiCalculator.Inputs inputs = new RoiCalculator.Inputs(
                Optional.ofNullable(betonCostPerYear).orElse(RoiCalculator.DEFAULT_COST_PER_YEAR),
                Optional.ofNullable(sdrHourCost).orElse(RoiCalculator.DEFAULT_SDR_HOUR),
                Optional.ofNullable(minutesSavedPerRoutedAccount).orElse(RoiCalculator.DEFAULT_MINUTES_SAVED));
        if (inputs.betonCostPerYear().signum() < 0
                || inputs.sdrHourCost().signum() < 0
                || inputs.minutesSavedPerRoutedAccount() < 0) {
            throw ProblemException.badRequest("ROI inputs must not be negative.");
        }
        return RoiCalculator.calculate(
                inputs,
                crm.deals(workspace.id()),
                run.periodStart(),
                run.periodEnd(),
                report(workspace, id).overall().routedAccounts());
    }

    /** Explain this signal: definition, queries (DuckDB and HogQL), accuracy, curve, tuning tips. */
    @GetMapping("/{id}/signals/{type}/explain")
    SignalExplainer.Explanation explain(CurrentWorkspace workspace, @PathVariable long id, @PathVariable String type) {
        BacktestRun run = find(workspace, id);
        SignalType signal;
        try {
            signal = SignalType.fromKey(type);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown signal type '" + type + "'.");
        }
        if (!signal.isBuiltIn()) {
            throw ProblemException.badRequest("Signal " + type
                    + " is a promoted rule: it has no threshold to explain; run the rule in the inspector.");
        }
        SignalSettings settings = backtests.settingsOf(workspace.id(), id).orElseThrow();
        if (!settings.tuning(signal).enabled()) {
            throw ProblemException.badRequest("Signal " + type + " was disabled in this backtest's settings.");
        }
        int index = crm.companyIndex(workspace.id()).orElse(0);
        return SignalExplainer.explain(
                SignalCatalog.of(settings, index), signal, report(workspace, id), run.periodEnd());
    }

    /**
     * @param days replayed days, default 180
     * @param attributionDays the attribution window, default 90
     * @param settings a draft to replay instead of the live settings
     * @param label the draft's name, default {@code draft} (or {@code live} without settings)
     */
    record StartRequest(Integer days, Integer attributionDays, SignalSettings settings, String label) {}

    /** A run without its report, for lists. */
    record Summary(
            long id,
            BacktestRun.Status status,
            String settingsVersion,
            String settingsLabel,
            Instant periodStart,
            Instant periodEnd,
            int days,
            int daysDone,
            int attributionDays,
            Instant startedAt,
            Optional<Instant> finishedAt,
            Optional<Ratio> precision,
            Optional<Ratio> recall,
            Optional<Boolean> dataReady,
            Optional<String> error) {

        static Summary of(BacktestRun run) {
            return new Summary(
                    run.id(),
                    run.status(),
                    run.settingsVersion(),
                    run.settingsLabel(),
                    run.periodStart(),
                    run.periodEnd(),
                    run.days(),
                    run.daysDone(),
                    run.attributionDays(),
                    run.startedAt(),
                    run.finishedAt(),
                    run.report().map(r -> r.overall().precision()),
                    run.report().map(r -> r.overall().recall()),
                    run.report().map(r -> r.data().ready()),
                    run.error());
        }
    }

    /** 202 with the running backtest (poll its Location); {@code wait=true} answers 201 when it has finished. */
    @PostMapping
    ResponseEntity<BacktestRun> start(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "false") boolean wait,
            @RequestBody(required = false) StartRequest body) {
        Backtests.Request request = request(body);
        List<String> errors = request.errors();
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(String.join("; ", errors) + ".");
        }
        BacktestRun run = wait
                ? backtests.run(workspace.id(), request, (done, total) -> {})
                : backtests.start(workspace.id(), request);
        return ResponseEntity.status(wait ? HttpStatus.CREATED : HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/backtests/" + run.id()))
                .body(run);
    }

    @GetMapping
    List<Summary> list(CurrentWorkspace workspace, @RequestParam(defaultValue = "50") int limit) {
        return backtests.recent(workspace.id(), limit).stream().map(Summary::of).toList();
    }

    @GetMapping("/{id}")
    BacktestRun one(CurrentWorkspace workspace, @PathVariable long id) {
        return find(workspace, id);
    }

    /**
     * Companies whose plan limit or trial end exists today but was never recorded by a {@code
     * $groupidentify} before the run's end: limit approaching and trial expiring cannot fire for
     * them in this backtest.
     */
    @GetMapping("/{id}/plan-history")
    PlanHistoryGaps.Gaps planHistory(CurrentWorkspace workspace, @PathVariable long id) {
        BacktestRun run = find(workspace, id);
        return backtests
                .settingsOf(workspace.id(), id)
                .flatMap(settings -> planHistoryGaps.of(workspace.id(), settings.events(), run.periodEnd()))
                .orElse(new PlanHistoryGaps.Gaps(0, 0, 0, 0));
    }

    /** The per-signal table as CSV. */
    @GetMapping(value = "/{id}/signals.csv", produces = "text/csv")
    ResponseEntity<String> signalsCsv(CurrentWorkspace workspace, @PathVariable long id) {
        return csv("backtest-" + id + "-signals.csv", BacktestCsv.signals(report(workspace, id)));
    }

    /** The routing-threshold curve as CSV. */
    @GetMapping(value = "/{id}/curve.csv", produces = "text/csv")
    ResponseEntity<String> curveCsv(CurrentWorkspace workspace, @PathVariable long id) {
        return csv(
                "backtest-" + id + "-curve.csv",
                BacktestCsv.curve(report(workspace, id).curve()));
    }

    /** A signal's precision and recall month by month as CSV (empty for a report from before they were kept). */
    @GetMapping(value = "/{id}/signals/{type}/history.csv", produces = "text/csv")
    ResponseEntity<String> historyCsv(CurrentWorkspace workspace, @PathVariable long id, @PathVariable String type) {
        SignalExplainer.Explanation explained = explain(workspace, id, type);
        return csv(
                "backtest-" + id + "-" + explained.type() + "-by-month.csv", BacktestCsv.history(explained.history()));
    }

    /** The score buckets as CSV. */
    @GetMapping(value = "/{id}/buckets.csv", produces = "text/csv")
    ResponseEntity<String> bucketsCsv(CurrentWorkspace workspace, @PathVariable long id) {
        return csv("backtest-" + id + "-buckets.csv", BacktestCsv.buckets(report(workspace, id)));
    }

    private BacktestReport report(CurrentWorkspace workspace, long id) {
        return find(workspace, id)
                .report()
                .orElseThrow(() -> ProblemException.conflict("Backtest " + id + " has no report (yet)."));
    }

    private BacktestRun find(CurrentWorkspace workspace, long id) {
        return backtests
                .byId(workspace.id(), id)
                .orElseThrow(() -> ProblemException.notFound("No backtest " + id + " in this workspace."));
    }

    static ResponseEntity<String> csv(String filename, String body) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .body(body);
    }

    static Backtests.Request request(StartRequest body) {
        if (body == null) {
            return Backtests.Request.defaults();
        }
        Optional<SignalSettings> settings = Optional.ofNullable(body.settings());
        String label = Optional.ofNullable(body.label()).orElse(settings.isPresent() ? "draft" : "live");
        return new Backtests.Request(
                Optional.ofNullable(body.days()).orElse(Backtests.DEFAULT_DAYS),
                Optional.ofNullable(body.attributionDays()).orElse(Backtests.DEFAULT_ATTRIBUTION_DAYS),
                settings,
                label);
    }
}
