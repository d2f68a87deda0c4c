package dev.beton.backtest;

import dev.beton.connections.EventSource;
import dev.beton.connections.EventSources;
import dev.beton.connections.PostHogLinks;
import dev.beton.connections.PostHogNotConnected;
import dev.beton.jobs.JobRun;
import dev.beton.jobs.JobRuns;
import dev.beton.jobs.JobStatus;
import dev.beton.posthog.PostHogException;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import java.util.LinkedHashMap;
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
 * "Load data from PostHog" (linked from the Backtest page): what a copy would spend, then the
 * copy as a job run with its progress, stop and resume, and the copies made so far.
 */
@Controller
@Page
class PostHogCopyPage {

    private final PostHogCopies copies;
    private final JobRuns jobs;
    private final EventSources sources;
    private final PostHogLinks links;

    PostHogCopyPage(PostHogCopies copies, JobRuns jobs, EventSources sources, PostHogLinks links) {
        this.copies = copies;
        this.jobs = jobs;
        this.sources = sources;
        this.links = links;
    }

    @GetMapping("/backtests/posthog-copy")
    String page(
            CurrentWorkspace current,
            @RequestParam(required = false) String days,
            @RequestParam(required = false) String rowLimit,
            @RequestParam(required = false) String estimate,
            Model model) {
        List<PostHogCopy> recent = copies.recent(current.id(), 20);
        Map<Long, JobRun> runs = new LinkedHashMap<>();
        recent.forEach(c -> jobs.byId(current.id(), c.jobRunId()).ifPresent(r -> runs.put(c.id(), r)));
        model.addAttribute("current", current);
        model.addAttribute("copies", recent);
        model.addAttribute("runs", runs);
        model.addAttribute("eventsInPostHog", sources.of(current.id()) == EventSource.POSTHOG);
        model.addAttribute("posthogProblem", links.problem(current.id()).orElse(null));
        Optional<PostHogCopy> running = recent.stream()
                .filter(c -> Optional.ofNullable(runs.get(c.id()))
                        .map(r -> r.status() == JobStatus.RUNNING)
                        .orElse(false))
                .findFirst();
        model.addAttribute("running", running.orElse(null));
        model.addAttribute("runningRun", running.map(c -> runs.get(c.id())).orElse(null));
        model.addAttribute(
                "resumable",
                running.isPresent()
                        ? null
                        : copies.latestUnfinished(current.id()).orElse(null));
        model.addAttribute("days", days == null ? String.valueOf(PostHogCopies.MAX_DAYS) : days);
        model.addAttribute("rowLimit", rowLimit == null ? String.valueOf(PostHogCopies.DEFAULT_ROW_LIMIT) : rowLimit);
        model.addAttribute(
                "pollUrl",
                "/backtests/posthog-copy?workspace=" + current.workspace().slug());
        if (estimate != null) {
            Optional<PostHogCopies.Request> request = request(days, rowLimit, model);
            if (request.isPresent()) {
                try {
                    model.addAttribute("estimate", copies.estimate(current.id(), request.get()));
                } catch (PostHogNotConnected | PostHogException e) {
                    model.addAttribute("formError", "PostHog could not count the events: " + e.getMessage());
                }
            }
        }
        return "posthog-copy";
    }

    @PostMapping("/backtests/posthog-copy")
    String start(
            CurrentWorkspace current,
            @RequestParam(defaultValue = "") String days,
            @RequestParam(defaultValue = "") String rowLimit,
            Model model,
            RedirectAttributes redirect) {
        String back = "redirect:/backtests/posthog-copy?workspace="
                + current.workspace().slug();
        if (!current.isAdmin()) {
            redirect.addFlashAttribute("formError", "Only workspace admins load data from PostHog.");
            return back;
        }
        Optional<PostHogCopies.Request> request = request(days, rowLimit, model);
        if (request.isEmpty()) {
            redirect.addFlashAttribute("formError", model.getAttribute("formError"));
            return back;
        }
        try {
            copies.start(current.id(), request.get());
        } catch (PostHogNotConnected e) {
            redirect.addFlashAttribute("formError", e.getMessage());
        }
        return back;
    }

    @PostMapping("/backtests/posthog-copy/{id}/stop")
    String stop(CurrentWorkspace current, @PathVariable long id, RedirectAttributes redirect) {
        if (current.isAdmin() && copies.stop(current.id(), id)) {
            redirect.addFlashAttribute("notice", "Copy " + id + " stops after its current page; resume it later.");
        }
        return "redirect:/backtests/posthog-copy?workspace="
                + current.workspace().slug();
    }

    @PostMapping("/backtests/posthog-copy/{id}/resume")
    String resume(CurrentWorkspace current, @PathVariable long id, RedirectAttributes redirect) {
        if (!current.isAdmin()) {
            redirect.addFlashAttribute("formError", "Only workspace admins load data from PostHog.");
        } else {
            try {
                copies.resume(current.id(), id);
            } catch (PostHogNotConnected e) {
                redirect.addFlashAttribute("formError", e.getMessage());
            }
        }
        return "redirect:/backtests/posthog-copy?workspace="
                + current.workspace().slug();
    }

    private static Optional<PostHogCopies.Request> request(String days, String rowLimit, Model model) {
        try {
            PostHogCopies.Request request = new PostHogCopies.Request(
                    Integer.parseInt(days.strip()),
                    Long.parseLong(rowLimit.strip().replace(",", "")));
            if (!request.errors().isEmpty()) {
                model.addAttribute("formError", String.join("; ", request.errors()) + ".");
                return Optional.empty();
            }
            return Optional.of(request);
        } catch (NumberFormatException | NullPointerException e) {
            model.addAttribute("formError", "Days and row limit must be whole numbers.");
            return Optional.empty();
        }
    }
}
