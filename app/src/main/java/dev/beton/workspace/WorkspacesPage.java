package dev.beton.workspace;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Lists the user's workspaces with their project tokens; admins create new ones here. */
@Controller
@Page
class WorkspacesPage {

    private final Workspaces workspaces;
    private final Invitations invitations;

    WorkspacesPage(Workspaces workspaces, Invitations invitations) {
        this.workspaces = workspaces;
        this.invitations = invitations;
    }

    @GetMapping("/workspaces")
    String list(CurrentWorkspace current, CurrentUser user, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("invitations", invitations.addressedTo(user));
        return "workspaces";
    }

    @PostMapping("/workspaces/invitations/{id}/accept")
    String accept(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        try {
            Invitation joined = invitations.accept(user, id);
            redirect.addFlashAttribute("message", "You joined " + joined.workspaceName() + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/workspaces";
    }

    @PostMapping("/workspaces")
    String create(
            CurrentUser user,
            @RequestParam String name,
            @RequestParam(required = false) String slug,
            RedirectAttributes redirect) {
        if (!user.admin()) {
            throw ProblemException.forbidden("Only an administrator can create workspaces.");
        }
        try {
            Workspace created = workspaces.create(name, Optional.ofNullable(slug), user.id());
            redirect.addFlashAttribute("message", "Created the workspace " + created.name() + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/workspaces";
    }

    @Bean
    static NavItem workspacesNav() {
        return new NavItem("workspaces", "Workspaces", "/workspaces", 900).in(NavItem.SETTINGS);
    }
}
