package dev.beton.workspace;

import dev.beton.web.Page;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout shows of the signed-in user: who they are and their workspaces. */
@ControllerAdvice(annotations = Page.class)
class WorkspaceSwitcher {

    private final Workspaces workspaces;

    WorkspaceSwitcher(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @ModelAttribute("memberships")
    List<Membership> memberships(CurrentUser user) {
        return workspaces.membershipsOf(user.id());
    }

    @ModelAttribute("user")
    CurrentUser user(CurrentUser user) {
        return user;
    }
}
