package dev.beton.web;

import java.util.List;

/**
 * What the navigation bar shows in one place: a top-level link ({@code items} holds just it,
 * {@code menu} is empty) or a drop-down labelled {@code menu} with its items.
 */
public record NavEntry(String menu, List<NavItem> items) {

    public NavEntry {
        items = List.copyOf(items);
    }

    public boolean dropDown() {
        return !menu.isEmpty();
    }

    public NavItem link() {
        return items.getFirst();
    }

    /** Whether the page with this navigation key is in this entry (marks the drop-down active). */
    public boolean contains(String key) {
        return items.stream().anyMatch(i -> i.key().equals(key));
    }
}
