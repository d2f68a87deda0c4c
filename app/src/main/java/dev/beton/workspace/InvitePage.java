package dev.beton.workspace;

import dev.beton.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page an invitation link opens, reachable without a login. One form serves both cases
 * (the email has an account, or not), so the page itself tells nothing before a password is typed;
 * a wrong password counts against the login throttle like any login.
 */
// Not a @Page: it is shown to people who are not logged in, so it has no navigation.
@Controller
class InvitePage {

    private final Invitations invitations;
    private final LoginThrottle throttle;
    private final LoginAudit audit;

    InvitePage(Invitations invitations, LoginThrottle throttle, LoginAudit audit) {
        this.invitations = invitations;
        this.throttle = throttle;
        this.audit = audit;
    }

    @GetMapping("/invite/{token}")
    String show(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("invitation", invitations.open(token).orElse(null));
        return "invite";
    }

    @PostMapping("/invite/{token}")
    String join(@PathVariable String token, @RequestParam String password, HttpServletRequest request, Model model) {
        String address = request.getRemoteAddr();
        var invitation = invitations.open(token);
        try {
            if (invitation.isPresent()) {
                throttle.check(invitation.get().email(), address);
            }
            invitations.accept(token, password, email -> {
                throttle.failed(email, address);
                audit.record(email, address, LoginAudit.Channel.FORM, LoginAudit.Outcome.BAD_CREDENTIALS);
            });
            return "redirect:/login?joined";
        } catch (LoginThrottled | ProblemException e) {
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("token", token);
        model.addAttribute("invitation", invitations.open(token).orElse(null));
        return "invite";
    }
}
