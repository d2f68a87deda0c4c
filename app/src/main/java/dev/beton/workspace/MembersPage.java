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

/** Settings → Members: who belongs to the workspace; admins add, re-role and remove members. */
@Controller
@Page
class MembersPage {

    static final String PATH = "/settings/members";

    private final Members members;

    MembersPage(Members members) {
        this.members = members;
    }

    @GetMapping(PATH)
    String list(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("members", members.list(current.id()));
        return "members";
    }

    @PostMapping(PATH)
    String add(
            CurrentWorkspace current,
            @RequestParam String email,
            @RequestParam(defaultValue = "member") String role,
            RedirectAttributes redirect) {
        return act(current, redirect, () -> {
            Members.Added added = members.add(current, email, MembersApi.roleOf(role));
            added.initialPassword().ifPresent(p -> redirect.addFlashAttribute("initialPassword", p));
            return added.member().email() + " was added as "
                    + added.member().role().column() + ".";
        });
    }

    @PostMapping(PATH + "/{userId}/role")
    String changeRole(
            CurrentWorkspace current,
            @PathVariable long userId,
            @RequestParam String role,
            RedirectAttributes redirect) {
        return act(current, redirect, () -> {
            Member m = members.changeRole(current, userId, MembersApi.roleOf(role));
            return m.email() + " is now " + m.role().column() + ".";
        });
    }

    @PostMapping(PATH + "/{userId}/remove")
    String remove(CurrentWorkspace current, @PathVariable long userId, RedirectAttributes redirect) {
        return act(current, redirect, () -> {
            members.remove(current, userId);
            return "The member was removed from this workspace.";
        });
    }

    private static String act(
            CurrentWorkspace current, RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace can manage its members.");
        }
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (ProblemException e) {
            if (e instanceof WorkspaceNotFound) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        redirect.addAttribute("workspace", current.workspace().slug());
        return "redirect:" + PATH;
    }

    @Bean
    static NavItem membersNav() {
        return new NavItem("members", "Members", PATH, 905).in(NavItem.SETTINGS);
    }
}
