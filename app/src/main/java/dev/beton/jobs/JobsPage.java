package dev.beton.jobs;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The run history page; the table refreshes itself while a run is in progress. */
@Controller
@Page
class JobsPage {

    private final JobRuns runs;

    JobsPage(JobRuns runs) {
        this.runs = runs;
    }

    @GetMapping("/jobs")
    String page(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        addRuns(current, model);
        return "jobs";
    }

    @GetMapping("/jobs/table")
    String table(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        addRuns(current, model);
        return "jobs :: table";
    }

    private void addRuns(CurrentWorkspace current, Model model) {
        List<JobRun> recent = runs.recent(current.id(), Optional.empty(), 100);
        model.addAttribute("runs", recent);
        model.addAttribute(
                "anyRunning", recent.stream().anyMatch(r -> !r.status().finished()));
    }

    @Bean
    static NavItem jobsNav() {
        return new NavItem("jobs", "Jobs", "/jobs", 800).in(NavItem.INSPECTOR);
    }
}
