package dev.beton.backtest;

import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalType;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Backtest page's tools: a draft editor (signal thresholds, base scores and the routing
 * threshold edited as a draft, replayed, then compared with the last live run), the ROI form and
 * "explain this signal" per backtest. They read the same services as the API.
 */
@Controller
@Page
class BacktestToolsPage {

    private final Backtests backtests;
    private final CrmMirror crm;

    BacktestToolsPage(Backtests backtests, CrmMirror crm) {
        this.backtests = backtests;
        this.crm = crm;
    }

    /** One signal's row in the draft form. */
    record DraftRow(String key, String meaning, boolean enabled, int threshold, int baseScore) {}

    @GetMapping("/backtests/draft")
    String draft(CurrentWorkspace current, @RequestParam(required = false) Long from, Model model) {
        SignalSettings base = from == null
                ? backtests.liveSettings(current.id())
                : backtests
                        .settingsOf(current.id(), from)
                        .orElseThrow(() -> ProblemException.notFound("No backtest " + from + " in this workspace."));
        List<DraftRow> rows = new ArrayList<>();
        for (SignalType type : SignalType.builtIns()) {
            SignalSettings.SignalTuning tuning = base.tuning(type);
            rows.add(new DraftRow(
                    type.key(), type.thresholdMeaning(), tuning.enabled(), tuning.threshold(), tuning.baseScore()));
        }
        model.addAttribute("current", current);
        model.addAttribute("rows", rows);
        model.addAttribute("routingThreshold", base.routingThreshold());
        model.addAttribute("defaults", Backtests.Request.defaults());
        return "backtest-draft";
    }

    @PostMapping("/backtests/draft")
    String runDraft(CurrentWorkspace current, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        String slug = current.workspace().slug();
        List<String> errors = new ArrayList<>();
        SignalSettings live = backtests.liveSettings(current.id());
        SignalSettings draft = live;
        for (SignalType type : SignalType.builtIns()) {
            SignalSettings.SignalTuning tuning = live.tuning(type);
            boolean enabled = form.containsKey("enabled_" + type.key());
            int threshold = whole(form.get("threshold_" + type.key()), type.key() + " threshold", errors)
                    .orElse(tuning.threshold());
            int score = whole(form.get("score_" + type.key()), type.key() + " base score", errors)
                    .orElse(tuning.baseScore());
            SignalSettings.SignalTuning edited =
                    new SignalSettings.SignalTuning(enabled, score, threshold, tuning.cooldown());
            draft = draft.withTuning(type, edited);
        }
        int routing =
                whole(form.get("routingThreshold"), "routing threshold", errors).orElse(live.routingThreshold());
        int days = whole(form.getOrDefault("days", "180"), "days", errors).orElse(Backtests.DEFAULT_DAYS);
        String label = Optional.ofNullable(form.get("label"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .orElse("draft");
        if (errors.isEmpty()) {
            try {
                draft = draft.withThresholds(routing, Math.max(routing, live.hotThreshold()));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        Backtests.Request request =
                new Backtests.Request(days, Backtests.DEFAULT_ATTRIBUTION_DAYS, Optional.of(draft), label);
        if (errors.isEmpty()) {
            errors.addAll(request.errors());
        }
        if (!errors.isEmpty()) {
            redirect.addFlashAttribute("formError", String.join("; ", errors) + ".");
            return "redirect:/backtests/draft?workspace=" + slug;
        }
        Optional<BacktestRun> baseline = backtests.recent(current.id(), 50).stream()
                .filter(r -> r.settingsLabel().equals("live") && r.report().isPresent())
                .findFirst();
        BacktestRun started = backtests.start(current.id(), request);
        return "redirect:/backtests?workspace=" + slug + "&run=" + started.id()
                + baseline.map(b -> "&compare=" + b.id()).orElse("");
    }

    @GetMapping("/backtests/{id}/roi")
    String roi(
            CurrentWorkspace current,
            @PathVariable long id,
            @RequestParam(required = false) String betonCostPerYear,
            @RequestParam(required = false) String sdrHourCost,
            @RequestParam(required = false) String minutesSavedPerRoutedAccount,
            Model model) {
        BacktestRun run = find(current, id);
        model.addAttribute("current", current);
        model.addAttribute("run", run);
        List<String> errors = new ArrayList<>();
        BigDecimal cost =
                decimal(betonCostPerYear, "Beton cost per year", errors).orElse(RoiCalculator.DEFAULT_COST_PER_YEAR);
        BigDecimal hour = decimal(sdrHourCost, "cost per SDR hour", errors).orElse(RoiCalculator.DEFAULT_SDR_HOUR);
        int minutes = whole(minutesSavedPerRoutedAccount, "minutes saved", errors)
                .orElse(RoiCalculator.DEFAULT_MINUTES_SAVED);
        if (cost.signum() < 0 || hour.signum() < 0 || minutes < 0) {
            errors.add("ROI inputs must not be negative");
        }
        RoiCalculator.Inputs inputs = new RoiCalculator.Inputs(cost, hour, minutes);
        model.addAttribute("inputs", inputs);
        if (!errors.isEmpty()) {
            model.addAttribute("formError", String.join("; ", errors) + ".");
        } else if (run.report().isPresent()) {
            RoiCalculator.Roi roi = RoiCalculator.calculate(
                    inputs,
                    crm.deals(current.id()),
                    run.periodStart(),
                    run.periodEnd(),
                    run.report().get().overall().routedAccounts());
            model.addAttribute("roi", roi);
            model.addAttribute("chartX", "Beton cost,SDR time saved,PQL pipeline,PQL won revenue");
            model.addAttribute(
                    "chartY",
                    String.join(
                            ",",
                            roi.periodCost().toPlainString(),
                            roi.sdrTimeSaved().toPlainString(),
                            roi.pqlPipeline().toPlainString(),
                            roi.pqlWonRevenue().toPlainString()));
        }
        return "backtest-roi";
    }

    @GetMapping("/backtests/{id}/signals/{type}")
    String explain(CurrentWorkspace current, @PathVariable long id, @PathVariable String type, Model model) {
        BacktestRun run = find(current, id);
        SignalType signal;
        try {
            signal = SignalType.fromKey(type);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Unknown signal type '" + type + "'.");
        }
        if (!signal.isBuiltIn()) {
            // A promoted rule fires for every account on its punch list: there is no threshold to explain.
            throw ProblemException.notFound("Signal '" + type + "' has no threshold to explain.");
        }
        SignalSettings settings = backtests.settingsOf(current.id(), id).orElseThrow();
        model.addAttribute("current", current);
        model.addAttribute("run", run);
        model.addAttribute("type", signal.key());
        if (!settings.tuning(signal).enabled()) {
            model.addAttribute("disabled", true);
            return "backtest-explain";
        }
        BacktestReport report =
                run.report().orElseThrow(() -> ProblemException.conflict("Backtest " + id + " has no report (yet)."));
        SignalExplainer.Explanation explanation = SignalExplainer.explain(
                SignalCatalog.of(settings, crm.companyIndex(current.id()).orElse(0)), signal, report, run.periodEnd());
        model.addAttribute("explanation", explanation);
        model.addAttribute("ready", report.data().ready());
        model.addAttribute(
                "curveX",
                explanation.curve().stream()
                        .map(p -> String.valueOf(p.threshold()))
                        .toList());
        model.addAttribute(
                "curvePrecision",
                explanation.curve().stream()
                        .map(p -> BacktestPage.percent(p.precision()))
                        .toList());
        model.addAttribute(
                "curveRecall",
                explanation.curve().stream()
                        .map(p -> BacktestPage.percent(p.recall()))
                        .toList());
        model.addAttribute("curveSettled", BacktestPage.settled(explanation.curve()));
        List<BacktestReport.MonthPoint> history = explanation.history();
        model.addAttribute(
                "historyX",
                history.stream().map(BacktestReport.MonthPoint::month).toList());
        model.addAttribute(
                "historyPrecision",
                // an open month's precision is not drawn: it reads high until its misses are judged
                history.stream()
                        .map(m -> m.settled() ? BacktestPage.percent(m.precision()) : "")
                        .toList());
        model.addAttribute(
                "historyRecall",
                history.stream().map(m -> BacktestPage.percent(m.recall())).toList());
        return "backtest-explain";
    }

    private BacktestRun find(CurrentWorkspace current, long id) {
        return backtests
                .byId(current.id(), id)
                .orElseThrow(() -> ProblemException.notFound("No backtest " + id + " in this workspace."));
    }

    private static Optional<Integer> whole(String text, String field, List<String> errors) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            errors.add(field + " must be a whole number");
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> decimal(String text, String field, List<String> errors) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            errors.add(field + " must be a number");
            return Optional.empty();
        }
    }
}
