package dev.beton.backtest;

import dev.beton.signals.SignalType;
import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Backtest page: start a run (it replays in the background; the page shows its progress), the
 * threshold curve, the per-signal table, conversion by score bucket, time to close, CSV exports
 * and the run history. Without enough data it says what is missing instead of percentages.
 */
@Controller
@Page
class BacktestPage {

    private final Backtests backtests;
    private final PostHogCopies copies;
    private final dev.beton.connections.EventSources sources;
    private final PlanHistoryGaps planHistoryGaps;

    BacktestPage(
            Backtests backtests,
            PostHogCopies copies,
            dev.beton.connections.EventSources sources,
            PlanHistoryGaps planHistoryGaps) {
        this.backtests = backtests;
        this.copies = copies;
        this.sources = sources;
        this.planHistoryGaps = planHistoryGaps;
    }

    @GetMapping("/backtests")
    String page(
            CurrentWorkspace current,
            @RequestParam(required = false) Long run,
            @RequestParam(required = false) Long compare,
            Model model) {
        List<BacktestRun> runs = backtests.recent(current.id(), 50);
        Optional<BacktestRun> shown = run == null
                ? runs.stream().findFirst()
                : Optional.of(backtests
                        .byId(current.id(), run)
                        .orElseThrow(() -> ProblemException.notFound("No backtest " + run + " in this workspace.")));
        model.addAttribute("current", current);
        model.addAttribute("runs", runs);
        model.addAttribute("shown", shown);
        model.addAttribute("defaults", Backtests.Request.defaults());
        // Which data a backtest reads: always Beton's own store; for PostHog workspaces, the copy.
        model.addAttribute("eventsInPostHog", sources.of(current.id()) == dev.beton.connections.EventSource.POSTHOG);
        model.addAttribute("posthogCopy", copies.latestComplete(current.id()).orElse(null));
        // The progress poll reloads the same view, keeping a comparison asked for (a draft's run).
        model.addAttribute(
                "pollUrl",
                shown.map(r -> "/backtests?workspace=" + current.workspace().slug() + "&run=" + r.id()
                                + (compare == null ? "" : "&compare=" + compare))
                        .orElse(""));
        shown.flatMap(BacktestRun::report).ifPresent(report -> addCurve(report, model));
        // Accounts the strict replay reads as "plan unknown": say how many, beside the rule.
        shown.flatMap(r -> backtests
                        .settingsOf(current.id(), r.id())
                        .flatMap(settings -> planHistoryGaps.of(current.id(), settings.events(), r.periodEnd())))
                .ifPresent(gaps -> model.addAttribute("planGaps", gaps));
        if (compare != null && shown.isPresent() && shown.get().report().isPresent()) {
            backtests
                    .byId(current.id(), compare)
                    .filter(other -> other.report().isPresent())
                    .ifPresent(other -> model.addAttribute(
                            "comparison",
                            BacktestComparison.of(
                                    other,
                                    backtests
                                            .settingsOf(current.id(), other.id())
                                            .orElseThrow()
                                            .routingThreshold(),
                                    backtests.peakScores(other.id()),
                                    shown.get(),
                                    backtests
                                            .settingsOf(
                                                    current.id(), shown.get().id())
                                            .orElseThrow()
                                            .routingThreshold(),
                                    backtests.peakScores(shown.get().id()))));
        }
        model.addAttribute(
                "finishedRuns",
                runs.stream().filter(r -> r.report().isPresent()).toList());
        return "backtests";
    }

    @PostMapping("/backtests")
    String start(
            CurrentWorkspace current,
            @RequestParam(defaultValue = "180") String days,
            @RequestParam(defaultValue = "90") String attributionDays,
            RedirectAttributes redirect) {
        Optional<Integer> dayCount = number(days);
        Optional<Integer> window = number(attributionDays);
        String slug = current.workspace().slug();
        if (dayCount.isEmpty() || window.isEmpty()) {
            redirect.addFlashAttribute("formError", "Days and attribution window must be whole numbers.");
            return "redirect:/backtests?workspace=" + slug;
        }
        Backtests.Request request = new Backtests.Request(dayCount.get(), window.get(), Optional.empty(), "live");
        if (!request.errors().isEmpty()) {
            redirect.addFlashAttribute("formError", String.join("; ", request.errors()) + ".");
            return "redirect:/backtests?workspace=" + slug;
        }
        BacktestRun started = backtests.start(current.id(), request);
        return "redirect:/backtests?workspace=" + slug + "&run=" + started.id();
    }

    @PostMapping("/backtests/{id}/promote")
    String promote(CurrentWorkspace current, @PathVariable long id, RedirectAttributes redirect) {
        String slug = current.workspace().slug();
        if (!current.isAdmin()) {
            redirect.addFlashAttribute("formError", "Only workspace admins change signal settings.");
        } else if (backtests.byId(current.id(), id).isPresent()) {
            backtests.promote(current.id(), id);
            redirect.addFlashAttribute("promoted", id);
        }
        return "redirect:/backtests?workspace=" + slug + "&run=" + id;
    }

    private static void addCurve(BacktestReport report, Model model) {
        Map<String, List<String>> tips = new TreeMap<>();
        for (BacktestReport.SignalMetrics signal : report.signals()) {
            tips.put(
                    signal.type(),
                    SignalExplainer.tips(
                            SignalType.fromKey(signal.type()),
                            signal.threshold(),
                            report.signalCurves().getOrDefault(signal.type(), List.of())));
        }
        model.addAttribute("tips", tips);
        model.addAttribute(
                "curveX",
                report.curve().stream().map(p -> String.valueOf(p.threshold())).toList());
        model.addAttribute(
                "curvePrecision",
                report.curve().stream().map(p -> percent(p.precision())).toList());
        model.addAttribute(
                "curveRecall",
                report.curve().stream().map(p -> percent(p.recall())).toList());
        model.addAttribute("curveSettled", settled(report.curve()));
    }

    /** Settled precision per curve point for a chart ("" for a report stored before it was kept). */
    static List<String> settled(List<BacktestReport.CurvePoint> curve) {
        return curve.stream()
                .map(p -> p.settledPrecision() == null ? "" : percent(p.settledPrecision()))
                .toList();
    }

    /** A percentage with one decimal for the chart, "" when there is nothing to measure. */
    static String percent(Ratio ratio) {
        return ratio.value() == null ? "" : String.format(Locale.ROOT, "%.1f", ratio.value() * 100);
    }

    private static Optional<Integer> number(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Bean
    static NavItem backtestNav() {
        return new NavItem("backtests", "Backtest", "/backtests", 55).in(NavItem.INSPECTOR);
    }
}
