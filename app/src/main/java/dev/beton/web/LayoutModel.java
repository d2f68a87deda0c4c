package dev.beton.web;

import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The navigation every page's layout shows: each feature contributes {@link NavItem} beans, so
 * adding a page does not mean editing the layout. (The user and the workspace switcher come from
 * the workspace feature, which the web kernel does not know.)
 */
@ControllerAdvice(annotations = Page.class)
class LayoutModel {

    private final List<NavItem> navigation;

    LayoutModel(List<NavItem> navigation) {
        this.navigation = navigation.stream()
                .sorted(Comparator.comparingInt(NavItem::order))
                .toList();
    }

    @ModelAttribute("navigation")
    List<NavItem> navigation() {
        return navigation;
    }
}
