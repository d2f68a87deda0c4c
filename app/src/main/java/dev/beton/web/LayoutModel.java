package dev.beton.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The navigation every page's layout shows: each feature contributes {@link NavItem} beans, so
 * adding a page does not mean editing the layout. Top-level links come first in their order, then
 * the drop-downs (Inspector, then Settings, then any other), each with its items in order. (The
 * user and the workspace switcher come from the workspace feature, which the web kernel does not
 * know.)
 */
@ControllerAdvice(annotations = Page.class)
class LayoutModel {

    private static final List<String> MENU_ORDER = List.of(NavItem.INSPECTOR, NavItem.SETTINGS);

    private final List<NavItem> navigation;
    private final List<NavEntry> entries;

    LayoutModel(List<NavItem> navigation) {
        this.navigation = navigation.stream()
                .sorted(Comparator.comparingInt(NavItem::order))
                .toList();
        this.entries = entries(this.navigation);
    }

    private static List<NavEntry> entries(List<NavItem> sorted) {
        List<NavEntry> entries = new ArrayList<>();
        Map<String, List<NavItem>> menus = new LinkedHashMap<>();
        MENU_ORDER.forEach(m -> menus.put(m, new ArrayList<>()));
        for (NavItem item : sorted) {
            if (item.topLevel()) {
                entries.add(new NavEntry("", List.of(item)));
            } else {
                menus.computeIfAbsent(item.menu(), m -> new ArrayList<>()).add(item);
            }
        }
        menus.forEach((menu, items) -> {
            if (!items.isEmpty()) {
                entries.add(new NavEntry(menu, items));
            }
        });
        return List.copyOf(entries);
    }

    @ModelAttribute("navigation")
    List<NavItem> navigation() {
        return navigation;
    }

    @ModelAttribute("navEntries")
    List<NavEntry> navEntries() {
        return entries;
    }
}
