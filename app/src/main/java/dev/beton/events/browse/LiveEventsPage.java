package dev.beton.events.browse;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The last events to arrive, refreshed every two seconds (htmx polling), with what an SDK needs
 * to send here: like PostHog's activity view, so a user sees their integration working.
 */
@Controller
@Page
class LiveEventsPage {

    static final int ROWS = 50;

    private final EventLog log;

    LiveEventsPage(EventLog log) {
        this.log = log;
    }

    @GetMapping("/events/live")
    String page(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute(
                "captureHost",
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
        model.addAttribute("stats", log.stats(current.id()));
        model.addAttribute("events", log.latestArrivals(current.id(), ROWS));
        return "events-live";
    }

    @GetMapping("/events/live/rows")
    String rows(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("events", log.latestArrivals(current.id(), ROWS));
        return "events-live :: rows";
    }

    @Bean
    static NavItem liveEventsNav() {
        return new NavItem("events-live", "Live events", "/events/live", 100).in(NavItem.INSPECTOR);
    }
}
