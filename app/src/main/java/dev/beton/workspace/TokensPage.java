package dev.beton.workspace;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** API tokens of the current workspace: create (the secret is shown once), list, revoke. */
@Controller
@Page
class TokensPage {

    private final ApiTokens tokens;

    TokensPage(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/tokens")
    String list(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("tokens", tokens.visibleTo(current));
        return "tokens";
    }

    @PostMapping("/tokens")
    String issue(CurrentWorkspace current, @RequestParam String name, RedirectAttributes redirect) {
        try {
            IssuedApiToken issued = tokens.issue(current.id(), current.userId(), name);
            redirect.addFlashAttribute("secret", issued.secret());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        redirect.addAttribute("workspace", current.workspace().slug());
        return "redirect:/tokens";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(CurrentWorkspace current, @PathVariable long id, RedirectAttributes redirect) {
        tokens.revoke(current, id);
        redirect.addFlashAttribute("message", "The token was revoked.");
        redirect.addAttribute("workspace", current.workspace().slug());
        return "redirect:/tokens";
    }

    @Bean
    static NavItem tokensNav() {
        return new NavItem("tokens", "API tokens", "/tokens", 910).in(NavItem.SETTINGS);
    }
}
