package dev.beton.workspace;

import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Your password: change it here; someone whose password an admin issued is sent here first. */
@Controller
@Page
class PasswordPage {

    private final PasswordChanges changes;
    private final Users users;

    PasswordPage(PasswordChanges changes, Users users) {
        this.changes = changes;
        this.users = users;
    }

    @GetMapping(MustChangePassword.PAGE)
    String form(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("mustChange", users.mustChangePassword(current.userId()));
        return "password";
    }

    @PostMapping(MustChangePassword.PAGE)
    String change(
            CurrentWorkspace current,
            CurrentUser user,
            @RequestParam("current_password") String currentPassword,
            @RequestParam("new_password") String newPassword,
            @RequestParam("confirm_password") String confirmPassword,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        redirect.addAttribute("workspace", current.workspace().slug());
        if (!newPassword.equals(confirmPassword)) {
            redirect.addFlashAttribute("error", "The new password and its repetition differ; type them again.");
            return "redirect:" + MustChangePassword.PAGE;
        }
        try {
            changes.change(user, currentPassword, newPassword, request.getRemoteAddr());
            redirect.addFlashAttribute("message", "Your password was changed.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + MustChangePassword.PAGE;
    }
}
