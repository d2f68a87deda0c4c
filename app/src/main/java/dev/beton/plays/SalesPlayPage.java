package dev.beton.plays;

import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/** An account's sales play as a page, with the Markdown download and "attach to the Attio deal". */
@Controller
@Page
class SalesPlayPage {

    private final SalesPlays plays;

    SalesPlayPage(SalesPlays plays) {
        this.plays = plays;
    }

    @GetMapping("/accounts/{key}/sales-play")
    String page(
            CurrentWorkspace current,
            @PathVariable String key,
            @RequestParam(defaultValue = "template") String writer,
            Model model) {
        model.addAttribute("current", current);
        model.addAttribute("play", plays.play(current.id(), key, SalesPlays.Writer.of(writer)));
        model.addAttribute("writer", writer);
        model.addAttribute("llmConfigured", plays.llmConfigured());
        return "sales-play";
    }

    @PostMapping("/accounts/{key}/sales-play/attio-note")
    String attach(
            CurrentWorkspace current,
            Principal principal,
            @PathVariable String key,
            @RequestParam(defaultValue = "template") String writer,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute(
                    "notice", plays.attachToDeal(current.id(), key, principal.getName(), SalesPlays.Writer.of(writer)));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("formError", e.getMessage());
        } catch (RuntimeException e) {
            // Attio refused or could not be reached: say so on the page, the play itself is unaffected
            redirect.addFlashAttribute("formError", "Attio did not take the note: " + e.getMessage());
        }
        return "redirect:/accounts/" + UriUtils.encodePathSegment(key, java.nio.charset.StandardCharsets.UTF_8)
                + "/sales-play?workspace=" + current.workspace().slug() + "&writer="
                + SalesPlays.Writer.of(writer).name().toLowerCase(java.util.Locale.ROOT);
    }
}
