package dev.beton.web;

import dev.beton.workspace.CurrentUser;
import dev.beton.workspace.Membership;
import dev.beton.workspace.Workspaces;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: the navigation (each feature contributes {@link NavItem} beans,
 * so adding a page does not mean editing the layout) and the user's workspaces for the switcher.
 */
@ControllerAdvice(annotations = Page.class)
class LayoutModel {

    private final Workspaces workspaces;
    private final List<NavItem> navigation;

    LayoutModel(Workspaces workspaces, List<NavItem> navigation) {
        this.workspaces = workspaces;
        this.navigation = navigation.stream()
                .sorted(Comparator.comparingInt(NavItem::order))
                .toList();
    }

    @ModelAttribute("navigation")
    List<NavItem> navigation() {
        return navigation;
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
