package dev.beton.events.imports;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Upload an event file into the current workspace and watch the import progress. */
@Controller
@Page
class ImportPage {

    private final UploadImports uploads;

    ImportPage(UploadImports uploads) {
        this.uploads = uploads;
    }

    @GetMapping("/events/import")
    String page(CurrentWorkspace current, @RequestParam(required = false) String job, Model model) {
        model.addAttribute("current", current);
        if (job != null) {
            model.addAttribute("job", jobOf(current, job));
        }
        return "events-import";
    }

    @GetMapping("/events/import/jobs/{id}")
    String progress(CurrentWorkspace current, @PathVariable String id, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("job", jobOf(current, id));
        return "events-import :: progress";
    }

    @PostMapping("/events/import")
    String upload(CurrentWorkspace current, @RequestParam("file") MultipartFile file, RedirectAttributes redirect) {
        redirect.addAttribute("workspace", current.workspace().slug());
        if (file.isEmpty()) {
            redirect.addFlashAttribute("error", "Choose a non-empty file to import.");
            return "redirect:/events/import";
        }
        try (InputStream content = file.getInputStream()) {
            UploadJob job = uploads.start(current.id(), file.getOriginalFilename(), content);
            redirect.addAttribute("job", job.id());
        } catch (IOException e) {
            redirect.addFlashAttribute("error", "The upload could not be saved: " + e.getMessage());
        }
        return "redirect:/events/import";
    }

    private UploadJob jobOf(CurrentWorkspace current, String id) {
        return uploads.job(current.id(), id)
                .orElseThrow(() -> ProblemException.notFound("There is no import '" + id + "' in this workspace."));
    }

    @Bean
    static NavItem importNav() {
        return new NavItem("events-import", "Import events", "/events/import", 110).in(NavItem.INSPECTOR);
    }
}
