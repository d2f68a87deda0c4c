package dev.beton.connections;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import dev.beton.workspace.credentials.SecretUnreadable;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Connections: connect, test and disconnect PostHog and Attio. Every failure is shown
 * as the sentence the connectors wrote for it; keys are never put back into the page (a form
 * that failed comes back empty, and a connected key shows only masked).
 */
@Controller
@Page
class ConnectionsPage {

    static final String PATH = "/settings/connections";

    private final PostHogConnector posthog;
    private final AttioConnector attio;
    private final ConnectionViews views;
    private final PostHogUsageFigures usage;
    private final EventSources sources;
    private final PostHogLinks links;
    private final org.springframework.beans.factory.ObjectProvider<DetectionWarnings> warnings;

    ConnectionsPage(
            PostHogConnector posthog,
            AttioConnector attio,
            ConnectionViews views,
            PostHogUsageFigures usage,
            EventSources sources,
            PostHogLinks links,
            org.springframework.beans.factory.ObjectProvider<DetectionWarnings> warnings) {
        this.warnings = warnings;
        this.posthog = posthog;
        this.attio = attio;
        this.views = views;
        this.usage = usage;
        this.sources = sources;
        this.links = links;
    }

    @GetMapping(PATH)
    String show(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        ConnectionView posthogView = views.of(current.id(), Integration.POSTHOG);
        model.addAttribute("posthog", posthogView);
        model.addAttribute("posthogUsage", usage.of(posthogView).orElse(null));
        model.addAttribute("attio", views.of(current.id(), Integration.ATTIO));
        model.addAttribute("projects", posthog.storedProjectChoices(current.id()));
        model.addAttribute("eventSource", sources.of(current.id()).id());
        model.addAttribute("posthogSourceProblem", links.problem(current.id()).orElse(null));
        DetectionWarnings detection = warnings.getIfAvailable();
        model.addAttribute(
                "sourceWarnings", detection == null ? java.util.List.of() : detection.ofNewestPostHogRun(current.id()));
        return "connections";
    }

    @PostMapping(PATH + "/event-source")
    String chooseEventSource(
            CurrentWorkspace current, @RequestParam(required = false) String source, RedirectAttributes redirect) {
        Admins.require(current);
        Optional<EventSource> chosen = EventSource.parse(source);
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute("sourceError", "Choose where events come from: Beton's own store or PostHog.");
        } else {
            try {
                sources.choose(current.id(), chosen.get());
                redirect.addFlashAttribute(
                        "sourceMessage",
                        chosen.get() == EventSource.POSTHOG
                                ? "Detection now reads events from PostHog, with HogQL queries."
                                : "Detection now reads events from Beton's own store.");
            } catch (PostHogNotConnected e) {
                redirect.addFlashAttribute("sourceError", "PostHog cannot be the event source: " + e.getMessage());
            }
        }
        redirect.addAttribute("workspace", current.workspace().slug());
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/posthog")
    String connectPostHog(
            CurrentWorkspace current,
            @RequestParam(name = "api_key", required = false) String apiKey,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String host,
            @RequestParam(name = "project_id", required = false) Long projectId,
            RedirectAttributes redirect) {
        return act(current, redirect, "posthog", () -> {
            PostHogConnection c = posthog.connect(
                    current.id(),
                    new PostHogConnectRequest(
                            Optional.ofNullable(apiKey).filter(k -> !k.isBlank()),
                            Optional.ofNullable(region).filter(r -> !r.isBlank() && !r.equals("auto")),
                            Optional.ofNullable(host).filter(h -> !h.isBlank()),
                            Optional.ofNullable(projectId)));
            String more = c.projects().size() > 1
                    ? " You can choose another of your " + c.projects().size() + " projects below."
                    : "";
            return "PostHog is connected: project " + c.projectName() + " of " + c.organizationName() + " ("
                    + c.eventsCount() + " events in the last 30 days)." + more;
        });
    }

    @PostMapping(PATH + "/posthog/test")
    String testPostHog(CurrentWorkspace current, RedirectAttributes redirect) {
        return act(current, redirect, "posthog", () -> {
            PostHogConnection c = posthog.test(current.id());
            return "PostHog answered: project " + c.projectName() + " received " + c.eventsCount()
                    + " events in the last 30 days.";
        });
    }

    @PostMapping(PATH + "/posthog/disconnect")
    String disconnectPostHog(CurrentWorkspace current, RedirectAttributes redirect) {
        return act(current, redirect, "posthog", () -> {
            posthog.disconnect(current.id());
            return "PostHog is disconnected. Beton keeps its settings until you connect again.";
        });
    }

    @PostMapping(PATH + "/attio")
    String connectAttio(
            CurrentWorkspace current,
            @RequestParam(name = "api_key", required = false) String apiKey,
            RedirectAttributes redirect) {
        return act(
                current, redirect, "attio", () -> describe(attio.connect(current.id(), Optional.ofNullable(apiKey))));
    }

    @PostMapping(PATH + "/attio/test")
    String testAttio(CurrentWorkspace current, RedirectAttributes redirect) {
        return act(current, redirect, "attio", () -> describe(attio.test(current.id())));
    }

    @PostMapping(PATH + "/attio/disconnect")
    String disconnectAttio(CurrentWorkspace current, RedirectAttributes redirect) {
        return act(current, redirect, "attio", () -> {
            attio.disconnect(current.id());
            return "Attio is disconnected.";
        });
    }

    private static String describe(AttioConnection connection) {
        return switch (connection) {
            case AttioConnection.Ready r -> "Attio is connected: workspace " + r.workspaceName() + ".";
            case AttioConnection.Limited l ->
                "Attio is connected to " + l.workspaceName() + ", but Beton cannot do everything yet. "
                        + l.explanation();
        };
    }

    /** Runs an admin action and leaves its outcome, as a sentence, for the page it redirects to. */
    private static String act(
            CurrentWorkspace current, RedirectAttributes redirect, String integration, Action action) {
        Admins.require(current);
        try {
            redirect.addFlashAttribute(integration + "Message", action.run());
        } catch (ConnectionFailure e) {
            redirect.addFlashAttribute(integration + "Error", e.getMessage());
            redirect.addFlashAttribute(integration + "ErrorType", e.type().id());
        } catch (SecretUnreadable e) {
            redirect.addFlashAttribute(integration + "Error", e.getMessage());
            redirect.addFlashAttribute(integration + "ErrorType", ErrorType.INTERNAL_ERROR.id());
        }
        redirect.addAttribute("workspace", current.workspace().slug());
        return "redirect:" + PATH;
    }

    @FunctionalInterface
    private interface Action {
        String run();
    }

    @Bean
    static NavItem connectionsNav() {
        return new NavItem("connections", "Connections", PATH, 900).in(NavItem.SETTINGS);
    }
}
