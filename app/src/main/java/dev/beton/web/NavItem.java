package dev.beton.web;

/**
 * One entry of the main navigation; {@code path} gets the current workspace appended. An entry
 * with a {@code menu} is shown inside that drop-down ({@link #INSPECTOR}, {@link #SETTINGS}), one
 * without is a top-level link, so the bar stays one line at 1280 px however many pages exist.
 */
public record NavItem(String key, String label, String path, int order, String menu) {

    /** The drop-down for looking under the hood: raw events, imports, jobs, backtests. */
    public static final String INSPECTOR = "Inspector";

    /** The drop-down for configuration: signals, connections, members, tokens, workspaces. */
    public static final String SETTINGS = "Settings";

    /** A top-level link. */
    public NavItem(String key, String label, String path, int order) {
        this(key, label, path, order, "");
    }

    public NavItem {
        menu = menu == null ? "" : menu;
    }

    /** The same entry inside the named drop-down. */
    public NavItem in(String menuLabel) {
        return new NavItem(key, label, path, order, menuLabel);
    }

    public boolean topLevel() {
        return menu.isEmpty();
    }
}
