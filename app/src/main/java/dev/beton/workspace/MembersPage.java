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

/** Settings → Members: who belongs to the workspace; admins invite, re-role and remove members. */
@Controller
@Page
class MembersPage {

    static final String PATH = "/settings/members";

    private final Members members;
    private final Invitations invitations;
    private final InvitationDelivery delivery;

    MembersPage(Members members, Invitations invitations, InvitationDelivery delivery) {
        this.members = members;
        this.invitations = invitations;
        this.delivery = delivery;
    }

    @GetMapping(PATH)
    String list(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("members", members.list(current.id()));
        model.addAttribute("invitations", current.isAdmin() ? invitations.pending(current.id()) : java.util.List.of());
        return "members";
    }

    /** Invites by email; the message reads the same whether or not the email has an account. */
    @PostMapping(PATH)
    String invite(
            CurrentWorkspace current,
            CurrentUser user,
            @RequestParam String email,
            @RequestParam(defaultValue = "member") String role,
            RedirectAttributes redirect) {
        return act(current, redirect, () -> {
            Invitations.Issued issued = invitations.invite(current, email, MembersApi.roleOf(role));
            String to = issued.invitation().email();
            java.util.Optional<java.net.URI> link = delivery.handOver(
                    issued,
                    user.email(),
                    () -> invitations.revoke(current, issued.invitation().id()));
            if (link.isEmpty()) {
                return "An invitation was emailed to " + to + ".";
            }
            redirect.addFlashAttribute("invitationLink", link.get().toString());
            return "Invited " + to + ". No mail server is configured: give them the link below.";
        });
    }

    @PostMapping(PATH + "/invitations/{id}/revoke")
    String revoke(CurrentWorkspace current, @PathVariable long id, RedirectAttributes redirect) {
        return act(current, redirect, () -> {
            invitations.revoke(current, id);
            return "The invitation was revoked; its link no longer works.";
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
