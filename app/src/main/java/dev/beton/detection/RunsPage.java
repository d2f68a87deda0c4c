package dev.beton.detection;

import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Detection run history with a "Run now" button. */
@Controller
@Page
class RunsPage {

    private final SignalHistory history;
    private final Detector detector;
    private final DetectionProperties schedule;
    private final Clock clock;

    RunsPage(SignalHistory history, Detector detector, DetectionProperties schedule, Clock clock) {
        this.history = history;
        this.detector = detector;
        this.schedule = schedule;
        this.clock = clock;
    }

    @GetMapping("/signals/runs")
    String page(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("runs", history.runs(current.id(), 100));
        model.addAttribute("schedule", schedule);
        return "signal-runs";
    }

    /** One run: when, what it read, what it found (fired and suppressed, per account). */
    @GetMapping("/signals/runs/{id}")
    String run(CurrentWorkspace current, @PathVariable long id, Model model) {
        DetectionRun run = history.run(current.id(), id)
                .orElseThrow(() -> ProblemException.notFound("No detection run " + id + " in this workspace."));
        model.addAttribute("current", current);
        model.addAttribute("run", run);
        model.addAttribute("outcomes", history.ofRun(current.id(), id, 2000));
        model.addAttribute(
                "backDated",
                history.lastDetection(current.id())
                        .filter(last -> last.asOf().isAfter(run.asOf()))
                        .isPresent());
        return "signal-run";
    }

    /** The queries one run sent: DuckDB SQL on the embedded store, HogQL on PostHog. */
    @GetMapping("/signals/runs/{id}/queries")
    String queries(CurrentWorkspace current, @PathVariable long id, Model model) {
        DetectionRun run = history.run(current.id(), id)
                .orElseThrow(() -> ProblemException.notFound("No detection run " + id + " in this workspace."));
        model.addAttribute("current", current);
        model.addAttribute("run", run);
        model.addAttribute("queries", history.queries(current.id(), id).orElseThrow());
        return "signal-run-queries";
    }

    @PostMapping("/signals/runs")
    String runNow(CurrentWorkspace current, RedirectAttributes redirect) {
        // Synchronous: a run over one workspace's warehouse takes seconds, and the page then shows its outcome.
        DetectionRun run = detector.detect(current.id(), Detector.now(clock), Trigger.MANUAL, DetectionProgress.NONE)
                .run();
        redirect.addFlashAttribute("finished", run);
        return "redirect:/signals/runs?workspace=" + current.workspace().slug();
    }
}
